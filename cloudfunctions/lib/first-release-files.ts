import { cloudPathOf, UPLOAD_EXTENSIONS, type UploadExtension, type UploadKind } from '@/domain/files'
import type { Spec } from '@/domain/product'
import { downloadFile, migratedUploadPath, uploadAreaOf, uploadFile } from './platform/files'
import { findMigration, listAfter, saveMigration, setWhere, type WalkedCollection } from './store/migrations'
import { findSupplierByOwner, findSuppliersByIds } from './store/suppliers'

/**
 * The one-off migration of files stored under the first releases' per-user folders
 * (`uploads/<key>/`, docs/decisions/share-privacy.md §3): the file guard accepts only names sealed to
 * their owner, so each stored first-release file ID of a user's avatar (and the bindings' copies of
 * it), a product's spec images and a post's images is copied by the functions to a name sealed to
 * the record's owner, and the record is rewritten to it. A step of the `expire` timer, like the
 * binding copies: each collection is walked in `_id` order, a bounded number per run, from where the
 * last run stopped, until it marks itself done.
 *
 * Only files in the owner's own folder are copied: a file someone else planted in a folder was never
 * the owner's, and one in another user's folder never passed the owner's guard. The old files are
 * left where they are: orders' snapshots still show them, and nothing writes there any more.
 */

const BATCH = 50
const MAX_BATCHES = 10

/** Copies made in this run: old file ID → new file ID, or null when the old file could not be read. */
type Copies = Map<string, string | null>

function extensionOf(path: string): UploadExtension | null {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
  const known = ext === 'jpeg' ? 'jpg' : ext
  return (UPLOAD_EXTENSIONS as readonly string[]).includes(known) ? (known as UploadExtension) : null
}

/**
 * The file ID `fileId` moves to when it is a first-release file of `owner`'s own folder, copying the
 * bytes there (again after a crash: the name is the same, the bytes too); otherwise `fileId` itself.
 */
async function moved(fileId: string, owner: string, kind: UploadKind, copies: Copies): Promise<string> {
  const path = cloudPathOf(fileId)
  if (!path?.startsWith(uploadAreaOf(owner))) return fileId
  if (!copies.has(fileId)) {
    const ext = extensionOf(path)
    const target = ext ? migratedUploadPath(owner, kind, ext, path) : null
    let copied: string | null = null
    if (target) {
      try {
        copied = await uploadFile(target, await downloadFile(fileId))
      } catch (error) {
        // A file gone from storage shows nothing either way: its ID stays, and its owner re-uploads.
        console.error(`[wegong] first-release file ${fileId} not copied`, error)
      }
    }
    copies.set(fileId, copied)
  }
  return copies.get(fileId) ?? fileId
}

interface Walk<T> {
  collection: WalkedCollection
  name: string
  fields: Record<string, true>
  /** Rewrites the records of one batch; answers how many changed a stored file ID. */
  migrate: (rows: T[], copies: Copies) => Promise<number>
}

/** Avatars, and the copies of a supplier owner's avatar on its bindings. */
const users: Walk<{ _id: string; openid: string; avatar?: string }> = {
  collection: 'users',
  name: 'first-release-files:users',
  fields: { openid: true, avatar: true },
  migrate: async (rows, copies) => {
    let changed = 0
    for (const user of rows) {
      const avatar = user.avatar ?? ''
      const next = avatar ? await moved(avatar, user.openid, 'avatars', copies) : avatar
      if (next === avatar) continue
      changed += await setWhere('users', { _id: user._id, avatar }, { avatar: next })
      const supplier = await findSupplierByOwner(user.openid)
      if (supplier) await setWhere('bindings', { supplierId: supplier._id, 'supplier.avatar': avatar }, { 'supplier.avatar': next })
    }
    return changed
  },
}

/** Owners of the suppliers of these records. */
async function ownersOf(rows: Array<{ supplierId: string }>): Promise<Map<string, string>> {
  const suppliers = await findSuppliersByIds([...new Set(rows.map((row) => row.supplierId))])
  return new Map(suppliers.map((s) => [s._id, s.ownerOpenid]))
}

/** Spec images; a product edited since it was read is left to the owner's edit (which the guard checked). */
const products: Walk<{ _id: string; supplierId: string; specs: Spec[]; updatedAt: number }> = {
  collection: 'products',
  name: 'first-release-files:products',
  fields: { supplierId: true, specs: true, updatedAt: true },
  migrate: async (rows, copies) => {
    const owners = await ownersOf(rows)
    let changed = 0
    for (const product of rows) {
      const owner = owners.get(product.supplierId)
      if (!owner) continue
      const specs: Spec[] = []
      for (const spec of product.specs) {
        const images: string[] = []
        for (const image of spec.images) images.push(await moved(image, owner, 'products', copies))
        specs.push({ ...spec, images })
      }
      if (JSON.stringify(specs) === JSON.stringify(product.specs)) continue
      changed += await setWhere('products', { _id: product._id, updatedAt: product.updatedAt }, { specs })
    }
    return changed
  },
}

/** Post images (a post is never edited, only removed). */
const posts: Walk<{ _id: string; supplierId: string; images: string[] }> = {
  collection: 'posts',
  name: 'first-release-files:posts',
  fields: { supplierId: true, images: true },
  migrate: async (rows, copies) => {
    const owners = await ownersOf(rows)
    let changed = 0
    for (const post of rows) {
      const owner = owners.get(post.supplierId)
      if (!owner) continue
      const images: string[] = []
      for (const image of post.images) images.push(await moved(image, owner, 'products', copies))
      if (images.every((image, i) => image === post.images[i])) continue
      changed += await setWhere('posts', { _id: post._id }, { images })
    }
    return changed
  },
}

const WALKS = [users, products, posts] as unknown as Array<Walk<{ _id: string }>>

/**
 * One run of the migration (a step of the `expire` timer): continues each collection's walk where
 * the last run stopped. Answers the records rewritten and whether every walk is done; once done, a
 * run costs one read per collection.
 */
export async function moveFirstReleaseFiles(at: number): Promise<{ movedRecords: number; done: boolean }> {
  const copies: Copies = new Map()
  let movedRecords = 0
  let done = true
  for (const walk of WALKS) {
    const state = await findMigration(walk.name)
    if (state?.doneAt) continue
    if (!migratedUploadPath('', 'products', 'png', '')) {
      console.error('[wegong] WEGONG_UPLOAD_KEY is not set on expire: first-release files are not moved until it is')
      return { movedRecords, done: false }
    }
    let after = state?.after ?? ''
    let finished = false
    for (let batch = 0; batch < MAX_BATCHES && !finished; batch += 1) {
      const rows = await listAfter<{ _id: string }>(walk.collection, after, BATCH, walk.fields)
      movedRecords += await walk.migrate(rows, copies)
      after = rows.at(-1)?._id ?? after
      finished = rows.length < BATCH
      await saveMigration(walk.name, { after, doneAt: finished ? at : null })
    }
    if (!finished) done = false
  }
  return { movedRecords, done }
}
