import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { CrashPoint } from './crash'
import { CloudApiError, type LocalDatabase } from './db'
import { MiB, readBody, sendJson } from './http'
import { type FormPart, parseMultipart } from './multipart'
import type { MessageLog } from './messages'
import { handleOpenApi, type JsonOpenApi } from './openapi'
import type { LocalPay } from './pay'
import type { Invocation, Invocations } from './runner/invocations'
import { type FunctionRunner, UnknownFunctionError } from './runner/runner'
import { type LocalStorage, isSafeCloudPath } from './storage'

/** Database documents are capped at 16 MiB in WeChat; a batch insert may carry several. */
const ADMIN_BODY_LIMIT = 32 * MiB

const Common = z.object({ action: z.string().min(1), wxCloudApiToken: z.string().optional() }).passthrough()
const InvokeFunction = z.object({ function_name: z.string().min(1), request_data: z.string().default('{}') })
const UploadMetadata = z.object({ path: z.string() })
const DownloadUrls = z.object({
  file_list: z.array(z.object({ fileid: z.string(), max_age: z.number().optional() })),
})
const DeleteFiles = z.object({ fileid_list: z.array(z.string()) })

const DB_READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])
const DB_WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'])

export interface AdminApiDeps {
  db: LocalDatabase
  storage: LocalStorage
  runner: FunctionRunner
  invocations: Invocations
  publicUrl: () => string
  log: (line: string) => void
  /** The cloudPay and subscribe-message stand-ins. */
  pay: LocalPay
  messages: MessageLog
  /** The openapi names a function's config.json declares: WeChat refuses the others (-604101). */
  openApiPermissions: (functionName: string) => string[]
  /** Stand-ins for other openapi names (content security, shipping reports), per calling function. */
  openApis: (functionName: string) => Record<string, JsonOpenApi>
  /** Told of every committed write (the crash control). */
  crash: CrashPoint
}

/** An answer in the CloudBase envelope: HTTP 200 always, a truthy `code` marks an error (docs/cloudbase/wire.md §1.3). */
class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * `POST /admin`: the CloudBase API the unmodified wx-server-sdk calls, dispatched on `body.action`.
 * Only running invocations may call it; their API token says who the caller is.
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminApiDeps): Promise<void> {
  const requestId = randomBytes(8).toString('hex')
  try {
    const { form, body } = await readRequest(req)
    const invocation = deps.invocations.byApiToken(body.wxCloudApiToken)
    if (!invocation) {
      throw new ApiError(
        'INVALID_PARAM',
        'unknown wxCloudApiToken: the local cloud serves API calls only from running function invocations (did the function return before awaiting this call?)',
      )
    }
    if (form && body.action === 'wx.wxPayApi') {
      // cloudPay charges the user the calling function runs for (its OPENID).
      const reply = deps.pay.handle(form, invocation.openid)
      res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length })
      res.end(reply.body)
      return
    }
    if (form && body.action === 'wx.openApi') {
      const reply = await handleOpenApi(
        form,
        (apiName) => deps.openApiPermissions(invocation.functionName).includes(apiName),
        deps.publicUrl(),
        { send: (params) => deps.messages.send(invocation.functionName, params) },
        deps.openApis(invocation.functionName),
      )
      res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length })
      res.end(reply.body)
      return
    }
    const data = await dispatch(body, invocation, deps)
    sendJson(res, 200, { requestId, ...data })
  } catch (error) {
    const { code, message } =
      error instanceof ApiError || error instanceof CloudApiError
        ? error
        : error instanceof z.ZodError
          ? { code: 'INVALID_PARAM', message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') }
          : { code: 'SYS_ERR', message: (error as Error).message }
    if (code === 'SYS_ERR') deps.log(`[admin] ${(error as Error).stack}`)
    sendJson(res, 200, { requestId, code, message })
  }
}

/** The body as JSON, or as form fields for the multipart openapi calls (then `form` has the raw parts). */
async function readRequest(req: IncomingMessage) {
  let fields: unknown
  let form: Map<string, FormPart> | null = null
  try {
    const raw = await readBody(req, ADMIN_BODY_LIMIT)
    if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
      form = parseMultipart(req.headers['content-type'], raw)
      fields = Object.fromEntries([...form].map(([name, part]) => [name, part.data.toString('utf8')]))
    } else fields = JSON.parse(raw.toString('utf8'))
  } catch (error) {
    throw new ApiError('INVALID_PARAM', `unreadable request: ${(error as Error).message}`)
  }
  return { form, body: Common.parse(fields) }
}

/** The action's answer fields besides `requestId` (mostly `{data}`; transactions answer at top level). */
async function dispatch(body: z.infer<typeof Common>, invocation: Invocation, deps: AdminApiDeps): Promise<object> {
  const { action } = body
  if (action.startsWith('database.')) return database(body, invocation, deps)
  switch (action) {
    case 'functions.invokeFunction': {
      const { function_name: functionName, request_data: requestData } = InvokeFunction.parse(body)
      let event: unknown
      try {
        event = JSON.parse(requestData)
      } catch {
        throw new ApiError('INVALID_PARAM', 'request_data is not JSON')
      }
      try {
        // The callee runs as the same caller, like callFunction inside WeChat.
        const outcome = await deps.runner.invoke({ functionName, event, openid: invocation.openid, parent: invocation })
        if (!outcome.ok) throw new ApiError('FUNCTIONS_EXECUTE_FAIL', outcome.message)
        return { data: { response_data: outcome.json } }
      } catch (error) {
        if (error instanceof UnknownFunctionError) throw new ApiError('FUNCTIONS_REQUEST_FAIL', error.message)
        throw error
      }
    }
    case 'storage.getUploadMetadata': {
      const { path } = UploadMetadata.parse(body)
      if (!isSafeCloudPath(path)) throw new ApiError('INVALID_PARAM', `cloudPath "${path}" is not a safe relative path`)
      deps.invocations.recordOps(invocation, { storageOps: 1 })
      return { data: deps.storage.uploadMetadata(path) }
    }
    case 'storage.batchGetDownloadUrl': {
      const { file_list: files } = DownloadUrls.parse(body)
      checkBatch(files.length)
      deps.invocations.recordOps(invocation, { storageOps: 1 })
      return { data: { download_list: await deps.storage.downloadList(files) } }
    }
    case 'storage.batchDeleteFile': {
      const { fileid_list: fileIds } = DeleteFiles.parse(body)
      checkBatch(fileIds.length)
      deps.invocations.recordOps(invocation, { storageOps: 1 })
      return { data: { delete_list: await deps.storage.deleteFiles(fileIds) } }
    }
    default:
      throw new ApiError('INVALID_PARAM', `the local cloud does not implement action "${action}"`)
  }
}

/** WeChat takes at most 50 files per getTempFileURL / deleteFile call. */
function checkBatch(count: number): void {
  if (count > 50) throw new ApiError('INVALID_PARAM', `at most 50 files per call, got ${count}`)
}

/**
 * Database actions go to the engine as they came. Reads and writes are counted per request like
 * WeChat bills them; writes inside a transaction count when it commits, and not at all if it aborts.
 */
async function database(body: z.infer<typeof Common>, invocation: Invocation, deps: AdminApiDeps): Promise<object> {
  const result = await deps.db.handle(body, invocation.openid)
  const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined
  if (DB_READS.has(body.action)) deps.invocations.recordOps(invocation, { dbReads: 1 })
  else if (DB_WRITES.has(body.action)) {
    if (transactionId) invocation.transactionWrites.set(transactionId, (invocation.transactionWrites.get(transactionId) ?? 0) + 1)
    else {
      deps.invocations.recordOps(invocation, { dbWrites: 1 })
      deps.crash.wrote()
    }
  } else if (transactionId && body.action === 'database.commitTransaction') {
    deps.invocations.recordOps(invocation, { dbWrites: invocation.transactionWrites.get(transactionId) ?? 0 })
    invocation.transactionWrites.delete(transactionId)
    deps.crash.wrote()
  } else if (transactionId && body.action === 'database.abortTransaction') {
    invocation.transactionWrites.delete(transactionId)
  }
  return result
}
