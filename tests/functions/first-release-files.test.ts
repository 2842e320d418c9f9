import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { addProduct, boundAgent, cloudNow, registered } from './network-fixtures'
import { PNG, placeAsFunction, trigger, upload } from './product-fixtures'

/**
 * R9, docs/decisions/share-privacy.md §3: the first releases uploaded into one folder per user
 * (`uploads/<key>/`), and anyone could create a file in anyone's folder. The file guard accepts only
 * names sealed to the caller now; the file IDs stored under the old layout are copied once, by the
 * `expire` timer, to names sealed to the record's owner, so migrated records keep their pictures and
 * their owners can send them again.
 */

const t = testCloudForFile()

/** The first releases' folder of an OPENID, as `user.login` still answers it in `uploadDir`. */
const folderOf = (openid: string) => `uploads/${createHash('sha256').update(`wegong-upload:${openid}`).digest('hex').slice(0, 24)}/`
const ISSUED = (kind: string) => new RegExp(`^cloud://[^/]+/uploads/${kind}/[0-9a-f]{56}\\.(png|jpg)$`)
const bytesOf = (fileId: string) => readFileSync(join(t.dataDir, 'files', ...fileId.replace(/^cloud:\/\/[^/]+\//, '').split('/')))

describe('files stored under the first releases’ per-user folders', () => {
  it('when another user’s file sits in the caller’s first-release folder (planted before the storage rule), then the guard refuses it like any foreign file', async () => {
    await t.ok('user', 'login', {}, 'fr-victim')
    const planted = await placeAsFunction(t, `${folderOf('fr-victim')}avatars/planted.png`)
    expect(await t.call('user', 'updateProfile', { avatar: planted.fileID }, 'fr-victim')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(t.db.find('users', { openid: 'fr-victim' })).toEqual([expect.objectContaining({ avatar: '' })])
  })

  it('when the timer runs the migration, then avatars (and their bindings’ copies), product and post pictures move to names sealed to their owner, show the same bytes, pass the owner’s guard, and a second run changes nothing', async () => {
    const owner = 'fr-owner'
    const folder = folderOf(owner)
    const avatarBytes = Buffer.concat([PNG, Buffer.from('avatar')])
    const photoBytes = Buffer.concat([PNG, Buffer.from('photo')])
    const avatar = (await placeAsFunction(t, `${folder}avatars/me.png`, avatarBytes)).fileID
    const photo = (await placeAsFunction(t, `${folder}products/dress.jpeg`, photoBytes)).fileID
    const postPhoto = (await placeAsFunction(t, `${folder}products/post.png`)).fileID
    // A file in someone else's folder was never this owner's: the migration leaves it alone.
    const foreign = (await placeAsFunction(t, `${folderOf('fr-other')}products/x.png`)).fileID
    const now = await cloudNow(t)
    t.db.insertMany('users', [{ openid: owner, nickname: '老用户', avatar, wechatId: '', createdAt: now, lastLoginAt: now }])
    expect((await t.ok('user', 'login', {}, owner)).uploadDir).toBe(folder)
    const supplier = await registered(t, owner, '老店')
    await boundAgent(t, 'fr-agent', supplier._id)
    const specs = [{ id: 'spec-1', name: '红色 / M', images: [photo, foreign], price: 5000, tierPrices: {}, stock: 10 }]
    const productId = addProduct(t, supplier._id, now, { specs })
    t.db.insertMany('posts', [{ supplierId: supplier._id, text: '上新', images: [postPhoto], productIds: [productId], createdAt: now }])
    // Before the migration the owner cannot send its old pictures again: the guard no longer takes the folder.
    expect(await t.call('user', 'updateProfile', { avatar }, owner)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { firstReleaseFiles: { movedRecords: 3, done: true } } })
    const [user] = t.db.find('users', { openid: owner }) as Array<{ avatar: string }>
    const [product] = t.db.find('products', { _id: productId }) as Array<{ specs: Array<{ images: string[] }> }>
    const [post] = t.db.find('posts', { supplierId: supplier._id }) as Array<{ images: string[] }>
    const [binding] = t.db.find('bindings', { supplierId: supplier._id }) as Array<{ supplier: { avatar: string } }>
    const moved = { avatar: user?.avatar ?? '', photo: product?.specs[0]?.images[0] ?? '', postPhoto: post?.images[0] ?? '' }
    expect(moved.avatar).toMatch(ISSUED('avatars'))
    expect(moved.photo).toMatch(ISSUED('products'))
    expect(moved.postPhoto).toMatch(ISSUED('products'))
    expect(product?.specs[0]?.images[1]).toBe(foreign)
    expect(binding?.supplier.avatar).toBe(moved.avatar)
    expect(bytesOf(moved.avatar).equals(avatarBytes)).toBe(true)
    expect(bytesOf(moved.photo).equals(photoBytes)).toBe(true)
    expect(bytesOf(moved.postPhoto).equals(PNG)).toBe(true)
    // Shown as before: the agent's feed answers URLs that serve the moved bytes.
    const feed = await t.ok('feed', 'products', {}, 'fr-agent')
    const shown = JSON.stringify(feed)
    expect(shown).not.toContain(folder.split('/')[1])
    const url = /"(http[^"]+)"/.exec(JSON.stringify(feed.items[0]?.specs ?? feed.items[0]))?.[1] ?? ''
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(photoBytes)).toBe(true)

    // The owner's guard takes the moved names; nobody else's does.
    expect(await t.call('user', 'updateProfile', { avatar: moved.avatar }, owner)).toMatchObject({ ok: true })
    expect(await t.call('user', 'updateProfile', { avatar: moved.avatar }, 'fr-agent')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })

    const before = JSON.stringify(['users', 'products', 'posts', 'bindings'].map((c) => t.db.find(c, {})))
    expect(await trigger(t, 'expire')).toMatchObject({ ok: true, data: { firstReleaseFiles: { movedRecords: 0, done: true } } })
    expect(JSON.stringify(['users', 'products', 'posts', 'bindings'].map((c) => t.db.find(c, {})))).toBe(before)
    // A new upload is untouched by it, of course.
    expect((await upload(t, owner, 'products/new.png')).status).toBe(200)
  })
})
