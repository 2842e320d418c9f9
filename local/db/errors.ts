/**
 * Error answers of the CloudBase database API. `code` is the string the SDK maps to an errCode
 * (docs/cloudbase/wire.md §1.4): DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005,
 * INVALID_PARAM → -501007; codes it does not know (DATABASE_TRANSACTION_CONFLICT, …) become -501001.
 */
export class CloudApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CloudApiError'
  }
}

export function invalidParam(message: string): CloudApiError {
  return new CloudApiError('INVALID_PARAM', message)
}

export function requestFailed(message: string): CloudApiError {
  return new CloudApiError('DATABASE_REQUEST_FAILED', message)
}

/** CloudBase's text for a missing collection (it names no collection); the SDK passes it on in `errMsg`. */
export const COLLECTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.'

export function collectionNotExist(): CloudApiError {
  return new CloudApiError('DATABASE_COLLECTION_NOT_EXIST', COLLECTION_NOT_EXIST_MESSAGE)
}
