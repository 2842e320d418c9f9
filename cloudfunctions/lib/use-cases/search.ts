import type { ActionArgs } from '@/domain/api'
import type { Page } from '@/domain/pagination'
import { inPriceRange, lowestPrice, publishedSince } from '@/domain/search-rules'
import { lookupToken, matchesAll, queryTokens } from '@/domain/search-tokens'
import { viewerPrices } from '@/domain/viewer-prices'
import { requireOpenid, type Caller } from '../platform/caller'
import { now } from '../platform/clock'
import { decodeCursor, encodeCursor } from '../platform/cursor'
import { searchOnSale, searchOwn, type SearchWhere } from '../store/product-search'
import { searchShownPosts } from '../store/post-search'
import { requireOwnSupplier, viewersFor } from '../access'
import { toAgentProducts, toProductSummaries } from '../product-views'
import { toAgentPosts } from '../post-views'

/**
 * Search (docs/decisions/search.md): the database looks up the query's rarest token and the
 * filters it can check (category, 新上架) in the feed's order; the other tokens and the price range
 * are checked here. A page costs a bounded number of reads whatever the catalogue's size: at most
 * SCAN_READS reads of SCAN_ROWS rows, after which the page answers what it found with a cursor
 * where the scan stopped (fewer items than `limit`, and more to come). Sorting by price ranks the
 * newest PRICE_WINDOW matches.
 */
const SCAN_ROWS = 100
const SCAN_READS = 3
const PRICE_WINDOW = 300

type Filters = { q?: string; category?: string; newWithin?: 'today' | '3d' | '7d'; minPrice?: number; maxPrice?: number }
type Row = { _id: string; tokens?: string[] }
/** A row's place in newest-first order: `publishedAt` of a product, `createdAt` of a post. */
type TimeOf<T> = (row: T) => number
type Read<T> = (cursor: string | undefined, rows: number) => Promise<T[]>

/** What the database checks, and the tokens left to check in memory. */
function planOf(filters: Filters, at: number): { where: SearchWhere; wanted: string[] } {
  const wanted = queryTokens(filters.q ?? '')
  const token = lookupToken(wanted)
  return {
    where: {
      ...(token !== undefined ? { token } : {}),
      ...(filters.category !== undefined ? { category: filters.category } : {}),
      ...(filters.newWithin !== undefined ? { since: publishedSince(filters.newWithin, at) } : {}),
    },
    wanted,
  }
}

/** Newest first: reads until the page is full or SCAN_READS reads are spent. */
async function newestPage<T extends Row>(
  read: Read<T>,
  timeOf: TimeOf<T>,
  keep: (row: T) => boolean,
  filtered: boolean,
  cursor: string | undefined,
  limit: number,
) {
  // Without a check in memory every row is kept: one read of a page and one row, as the feed.
  const rows = filtered ? SCAN_ROWS : limit + 1
  const cursorOf = (row: T) => encodeCursor({ t: timeOf(row), id: row._id })
  const items: T[] = []
  let after = cursor
  for (let reads = 0; reads < SCAN_READS; reads += 1) {
    const batch = await read(after, rows)
    for (const [i, row] of batch.entries()) {
      if (!keep(row)) continue
      items.push(row)
      if (items.length === limit) return { items, nextCursor: i < batch.length - 1 || batch.length === rows ? cursorOf(row) : null }
    }
    const last = batch.at(-1)
    if (batch.length < rows || !last) return { items, nextCursor: null }
    after = cursorOf(last)
  }
  return { items, nextCursor: after ?? null }
}

/** Lowest price first (then `_id`) among the newest PRICE_WINDOW matches; the cursor is (price, _id). */
async function pricePage<T extends Row>(
  read: Read<T>,
  keep: (row: T) => boolean,
  price: (row: T) => number,
  cursor: string | undefined,
  limit: number,
) {
  const ranked = (await read(undefined, PRICE_WINDOW))
    .filter(keep)
    .map((row) => ({ row, price: price(row) }))
    .sort((a, b) => a.price - b.price || (a.row._id < b.row._id ? -1 : a.row._id > b.row._id ? 1 : 0))
  const key = cursor !== undefined ? decodeCursor(cursor) : undefined
  const rest = key ? ranked.filter((r) => r.price > key.t || (r.price === key.t && r.row._id > key.id)) : ranked
  const page = rest.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => r.row),
    nextCursor: rest.length > limit && last ? encodeCursor({ t: last.price, id: last.row._id }) : null,
  }
}

function searchPage<T extends Row & { publishedAt: number }>(
  read: Read<T>,
  price: (row: T) => number,
  wanted: string[],
  input: Filters & { sort: 'newest' | 'price'; cursor?: string; limit: number },
): Promise<Page<T>> {
  const priced = input.minPrice !== undefined || input.maxPrice !== undefined
  // The database matched one token; the rest, and the price, are checked here.
  const keep = (row: T) => matchesAll(row.tokens ?? [], wanted) && (!priced || inPriceRange(price(row), input))
  if (input.sort === 'price') return pricePage(read, keep, price, input.cursor, input.limit)
  return newestPage(read, (row) => row.publishedAt, keep, priced || wanted.length > 1, input.cursor, input.limit)
}

/** The agent's search: what its feed shows (R9: bound suppliers, on sale, its own price), by words and filters. */
export async function searchFeed(input: ActionArgs<'feed', 'search'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const viewers = await viewersFor(openid, input.supplierId)
  const at = now()
  const { where, wanted } = planOf(input, at)
  const page = await searchPage(
    (cursor, rows) => searchOnSale([...viewers.keys()], at, where, cursor, rows),
    (row) => {
      const viewer = viewers.get(row.supplierId)
      return viewer ? lowestPrice(viewerPrices(row, viewer).map((p) => p.price)) : 0
    },
    wanted,
    input,
  )
  return { items: await toAgentProducts(page.items, viewers), nextCursor: page.nextCursor }
}

/** 商品管理's search: the supplier's own products of one list, priced at the base price. */
export async function searchMyProducts(input: ActionArgs<'product', 'search'>, caller: Caller) {
  const supplier = await requireOwnSupplier(caller)
  const at = now()
  const { where, wanted } = planOf(input, at)
  const page = await searchPage(
    (cursor, rows) => searchOwn(supplier._id, input.status, at, where, cursor, rows),
    (row) => lowestPrice(row.specs.map((spec) => spec.price)),
    wanted,
    input,
  )
  return { items: await toProductSummaries(page.items, at), nextCursor: page.nextCursor }
}

/**
 * The agent's search of posts: what its feed of posts shows (bound suppliers, none hidden by an
 * image check), by words and 新上架, newest first, answered as `feed.posts` answers them.
 */
export async function searchPosts(input: ActionArgs<'feed', 'searchPosts'>, caller: Caller) {
  const openid = requireOpenid(caller)
  const viewers = await viewersFor(openid, input.supplierId)
  const at = now()
  const { where, wanted } = planOf(input, at)
  const page = await newestPage(
    (cursor, rows) => searchShownPosts([...viewers.keys()], where, cursor, rows),
    (row) => row.createdAt,
    (row) => matchesAll(row.tokens ?? [], wanted),
    wanted.length > 1,
    input.cursor,
    input.limit,
  )
  return { items: await toAgentPosts(page.items, viewers, at), nextCursor: page.nextCursor }
}
