import { z } from '@/domain/zod'
import { AppError } from '@/domain/errors'
import { command, db } from './cloud'

/**
 * Keyset pagination (SPEC §4: never by skip): the cursor is the sort key of the last item,
 * opaque to the app.
 */
const CursorSchema = z.object({ t: z.number(), id: z.string() })
export type CursorKey = z.infer<typeof CursorSchema>

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw new AppError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试')
  }
}

/**
 * Where-condition for "after this cursor" in (field desc, _id desc) order: `field <= t` first, a
 * plain range the database bounds its index scan with (so a deep page reads no more than the first),
 * then the tie on `_id`. The same rows as `field < t OR (field = t AND _id < id)`.
 */
function afterCursorDesc(field: string, cursor: string | undefined) {
  if (!cursor) return undefined
  const key = decodeCursor(cursor)
  return command.and([{ [field]: command.lte(key.t) }, command.or([{ [field]: command.lt(key.t) }, { _id: command.lt(key.id) }])])
}

/** Fetch one more than asked to know whether there is a next page. */
export function toPage<T extends { _id: string }>(rows: T[], limit: number, sortValue: (row: T) => number) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  const nextCursor = rows.length > limit && last ? encodeCursor({ t: sortValue(last), id: last._id }) : null
  return { items, nextCursor }
}

type Collection = ReturnType<typeof db.collection>

/**
 * `rows` documents matching every condition, newest first by (`field`, `_id`) after the cursor: the
 * one shape of every keyset list, which the indexes ending in (field desc, _id) serve as a range.
 * Lists read `limit + 1` rows so that `toPage` knows whether there is a next page.
 */
export function newestFirst(collection: Collection, conditions: object[], field: string, cursor: string | undefined, rows: number) {
  const after = afterCursorDesc(field, cursor)
  const all = after ? [...conditions, after] : conditions
  const where = all.length === 0 ? {} : all.length === 1 ? all[0] : command.and(all)
  return collection.where(where).orderBy(field, 'desc').orderBy('_id', 'desc').limit(rows)
}

/**
 * `newestFirst`'s order (field desc, `_id` desc) in memory: a page merged from two such lists, each
 * read after the same cursor, is the page of their union, and its cursor serves both the next time.
 */
export function byNewestFirst<T extends { _id: string }>(sortValue: (row: T) => number) {
  return (a: T, b: T): number => sortValue(b) - sortValue(a) || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0)
}
