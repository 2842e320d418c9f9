import { z } from './zod'

/**
 * File IDs in events (R9). A cloud file ID is `cloud://<env>.<bucket>/<path>`; it is not a secret,
 * so every one that arrives is declared with `UploadedFileId` and the server's file guard checks it
 * lies in the caller's own upload area before anything else runs.
 */
export const FILE_ID_MAX = 1024

/**
 * The cloud path of a file ID, or null when the ID is malformed or its path could leave its folder:
 * empty, `.` or `..` segments, backslashes, percent-encoding (an encoded `..` or `/`), query or
 * fragment characters, whitespace or control characters.
 */
export function cloudPathOf(fileID: string): string | null {
  if (fileID.length > FILE_ID_MAX) return null
  const match = /^cloud:\/\/[A-Za-z0-9._-]+\/([^\s\\%?#\u0000-\u001f\u007f]+)$/.exec(fileID)
  const path = match?.[1]
  if (!path) return null
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..') ? path : null
}

/**
 * What the app uploads (R9): product and post photos, catalogue import files, avatars, each under a
 * name the server gives (`user.uploadPath`), so a file's path says nothing of who uploaded it.
 */
export const UPLOAD_KINDS = ['products', 'imports', 'avatars'] as const
export type UploadKind = (typeof UPLOAD_KINDS)[number]
export const UPLOAD_EXTENSIONS = ['png', 'jpg', 'gif', 'webp', 'csv', 'json'] as const
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number]

export const UploadPathInput = z
  .object({
    kind: z.enum(UPLOAD_KINDS, { errorMap: () => ({ message: '上传类型无效' }) }),
    ext: z.enum(UPLOAD_EXTENSIONS, { errorMap: () => ({ message: '只能上传图片（png、jpg、gif、webp）或 csv、json 文件' }) }),
  })
  .strict()

/** Collects the file IDs of one parse (see `parseWithFileIds`); null outside such a parse. */
let collected: string[] | null = null

/** A file the caller uploaded: well-formed here, and checked against the caller's area on the server. */
export const UploadedFileId = z
  .string()
  .refine((id) => cloudPathOf(id) !== null, '文件地址无效，请重新上传')
  .transform((id) => {
    collected?.push(id)
    return id
  })

/**
 * Parses `value` and names every `UploadedFileId` in it, wherever the schema nests it, so the one
 * guard sees every file of every action, including ones added later. zod parses synchronously, so
 * the collection belongs to this call alone.
 */
export function parseWithFileIds<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
): { result: z.SafeParseReturnType<z.input<S>, z.output<S>>; fileIds: string[] } {
  const outer = collected
  const fileIds: string[] = []
  collected = fileIds
  try {
    return { result: schema.safeParse(value), fileIds }
  } finally {
    collected = outer
  }
}
