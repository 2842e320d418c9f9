/** R15's limits of an imported catalogue file, without zod: the app checks the size before uploading, and zod stays out of its pages. */
export const IMPORT_FILE_MAX_BYTES = 2 * 1024 * 1024
export const IMPORT_ROWS_MAX = 2000
