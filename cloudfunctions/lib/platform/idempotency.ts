import { isDuplicateKeyError } from './cloud'

/**
 * Creates a record once per idempotency key (`id` = `keyedId(owner, key)`; undefined without a
 * key): a retry answers what the first try made; two tries at once collide on `_id` and the later
 * answers the earlier's record. The pattern of `order.create`, for records whose key is optional.
 */
export async function createOnce<T>(
  id: string | undefined,
  find: (id: string) => Promise<T | null>,
  create: (id: string | undefined) => Promise<T>,
): Promise<T> {
  if (id === undefined) return create(undefined)
  const earlier = await find(id)
  if (earlier) return earlier
  try {
    return await create(id)
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    const winner = await find(id)
    if (!winner) throw error
    return winner
  }
}
