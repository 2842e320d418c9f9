import { existsSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { FUNCTIONS_DIR, startDemoCloud } from './demo'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The local cloud with the demo data the mini-program tests share ('' when the functions are not built). */
    weappCloudUrl: string
  }
}

/**
 * One local cloud on the demo data for every file of the weapp project (each test file runs in its
 * own worker and reaches it over HTTP), so the files do not each seed the demo and warm the functions.
 * Without built functions it provides '' and each file that needs the cloud fails saying so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(path.join(FUNCTIONS_DIR, 'user', 'index.js'))) {
    project.provide('weappCloudUrl', '')
    return async () => undefined
  }
  const { cloud, close } = await startDemoCloud()
  project.provide('weappCloudUrl', cloud.url)
  return close
}
