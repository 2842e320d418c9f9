import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileStorageRule, type StorageRequest, storageWriteRuleOf } from '../../local/storage-rule'
import { type TestCloud, startTestCloud } from './helpers'

/**
 * The storage rule, the same locally and in production: the local cloud evaluates the rule text a
 * deployment declares (cloudfunctions/storage.json here) for every front-end write, and refuses at
 * start a rule it cannot evaluate.
 */

const declared = (JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions/storage.json'), 'utf8')) as { rules: { write: string } })
  .rules.write
const NAME = 'a1'.repeat(28)

const write = (openid: string | null, path: string, creator: string | null = openid): StorageRequest => ({
  auth: openid === null ? null : { openid },
  resource: { openid: creator, path },
})

describe('the rule evaluator', () => {
  it.each<[string, unknown, StorageRequest, boolean]>([
    ['true', true, write('o-a', 'x.png'), true],
    ['false', false, write('o-a', 'x.png'), false],
    ['creator-only, own file', 'resource.openid == auth.openid', write('o-a', 'x.png'), true],
    ['creator-only, another’s file', 'resource.openid == auth.openid', write('o-a', 'x.png', 'o-b'), false],
    ['creator-only, a function’s file', 'auth.openid == resource.openid', write('o-a', 'x.png', null), false],
    ['!=', "auth.openid != 'o-b'", write('o-a', 'x.png'), true],
    ['||', "auth.openid == 'o-b' || resource.path == 'x.png'", write('o-a', 'x.png'), true],
    ['&& binds before ||', "auth.openid == 'o-b' && resource.path == 'x.png' || false == true", write('o-a', 'x.png'), false],
    ['parentheses', "auth.openid == 'o-b' && (resource.path == 'x.png' || true == true)", write('o-a', 'x.png'), false],
    ['regex == true, matching', '/^a\\/[0-9]+\\.png$/.test(resource.path) == true', write('o-a', 'a/12.png'), true],
    ['regex == true, not matching', '/^a\\/[0-9]+\\.png$/.test(resource.path) == true', write('o-a', 'a/1x.png'), false],
    ['regex == false', '/^tmp\\//.test(resource.path) == false', write('o-a', 'tmp/x'), false],
    ['a slash inside a class', '/^[/a]+$/.test(resource.path) == true', write('o-a', 'a/a'), true],
    ['the declared rule, a name of the shape', declared, write('o-a', `uploads/products/${NAME}.png`), true],
    ['the declared rule, nobody signed in', declared, write(null, `uploads/products/${NAME}.png`), false],
  ])('%s', (_case, rule, request, allowed) => {
    expect(compileStorageRule(rule)(request)).toBe(allowed)
  })

  it.each([
    ['a bare regex test (CloudBase wants it compared with true)', '/^a/.test(resource.path)'],
    ['a variable it does not know', 'auth.uid == resource.openid'],
    ['auth compared as a whole', 'auth != null'],
    ['an operator it does not know', 'resource.size < 1024'],
    ['=== (not in the rule language)', 'resource.openid === auth.openid'],
    ['a stateful regex flag', '/a/g.test(resource.path) == true'],
    ['a bare value', 'resource.openid'],
    ['trailing text', 'resource.openid == auth.openid;'],
    ['an unterminated regex', '/^a.test(resource.path) == true'],
    ['not a rule at all', 42],
  ])('when a rule has %s, then it is refused', (_case, rule) => {
    expect(() => compileStorageRule(rule)).toThrow(/storage rule/)
  })
})

describe('front-end writes under the declared rule', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startTestCloud({ storageWriteRule: declared })
  })
  afterAll(() => cloud.destroy())

  const upload = (body: string, openid: string, cloudPath: string) =>
    cloud.request(`/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'x-wegong-openid': openid },
      body,
    })
  const disk = (path: string) => join(cloud.dataDir, 'files', ...path.split('/'))
  const creatorOf = (path: string) => JSON.parse(readFileSync(join(cloud.dataDir, 'files-meta', ...path.split('/')), 'utf8')).creator

  it.each([
    ['products', 'png'],
    ['imports', 'csv'],
    ['avatars', 'webp'],
  ])('when a user writes a name of the shape under %s, then it is stored with the user as creator', async (kind, ext) => {
    const path = `uploads/${kind}/${NAME}.${ext}`
    expect((await upload('mine', 'o-app', path)).status).toBe(200)
    expect(readFileSync(disk(path), 'utf8')).toBe('mine')
    expect(creatorOf(path)).toBe('o-app')
  })

  it('when another user writes over a file of the shape, then 403 and the file and its creator stay as they were', async () => {
    const path = `uploads/products/${'b2'.repeat(28)}.png`
    await upload('original', 'o-app', path)
    const reply = await upload('planted', 'o-other', path)
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('FORBIDDEN')
    expect(readFileSync(disk(path), 'utf8')).toBe('original')
    expect(creatorOf(path)).toBe('o-app')
  })

  it.each([
    ['another user’s first-release folder', `uploads/${'c3'.repeat(12)}/products/photo.png`],
    ['a forged name shape (too short)', 'uploads/products/abc.png'],
    ['a forged name shape (not hex)', `uploads/products/${'zz'.repeat(28)}.png`],
    ['a kind the app does not upload', `uploads/videos/${NAME}.png`],
    ['an extension the app does not upload', `uploads/products/${NAME}.svg`],
    ['a folder outside uploads', 'codes/home/stolen.png'],
  ])('when a user writes to %s, then 403 and nothing is stored', async (_case, path) => {
    const reply = await upload('planted', 'o-app', path)
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('FORBIDDEN')
    expect(existsSync(disk(path))).toBe(false)
    expect(existsSync(join(cloud.dataDir, 'files-meta', ...path.split('/')))).toBe(false)
  })

  it('when the cloud is started with a rule it cannot evaluate, then it does not start', async () => {
    await expect(startTestCloud({ storageWriteRule: 'auth != null' })).rejects.toThrow(/storage rule "auth != null" cannot be evaluated/)
  })
})

describe('the storage ACL a managed local cloud is given through the management API (ModifyStorageSafeRule)', () => {
  const shaped = `uploads/products/${NAME}.png`
  it.each([
    // [AclTag, Rule, a new file of the shape, a new file elsewhere, another user's file]
    ['PRIVATE', undefined, true, true, false],
    ['READONLY', undefined, true, true, false],
    ['ADMINWRITE', undefined, false, false, false],
    ['ADMINONLY', undefined, false, false, false],
    ['CUSTOM', JSON.stringify({ read: true, write: declared }), true, false, false],
    ['CUSTOM', JSON.stringify({ read: true }), false, false, false],
  ])('when the ACL is %s %s, then writes are judged by it', (AclTag, Rule, ownShaped, ownElsewhere, others) => {
    const rule = storageWriteRuleOf({ AclTag, Rule })
    expect(rule(write('u1', shaped))).toBe(ownShaped)
    expect(rule(write('u1', 'uploads/c3c3c3c3c3c3c3c3c3c3c3c3/products/p.png'))).toBe(ownElsewhere)
    expect(rule(write('u1', shaped, 'u2'))).toBe(others)
  })

  it('when a custom rule cannot be evaluated, then it is refused, naming the rule', () => {
    expect(() => storageWriteRuleOf({ AclTag: 'CUSTOM', Rule: JSON.stringify({ write: 'auth != null' }) })).toThrow(/cannot be evaluated/)
  })
})
