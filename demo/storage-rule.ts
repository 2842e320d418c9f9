import storage from '../cloudfunctions/storage.json'

/**
 * The storage write rule of the deployment (cloudfunctions/storage.json, as pasted into the
 * console), which the local cloud evaluates for every app upload, so a local run refuses the writes
 * production refuses.
 */
export const demoStorageWriteRule: string | boolean = storage.rules.write
