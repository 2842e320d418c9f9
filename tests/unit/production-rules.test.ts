import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UPLOAD_EXTENSIONS, UPLOAD_KINDS } from '@/domain/files'
import {
  collectionsUsedIn,
  declarationProblems,
  repositoryDeclarations,
  UPLOADS_WRITE_RULE,
  type Declarations,
} from '../../cloudfunctions/build'
import { compileStorageRule } from '../../local/storage-rule'

/**
 * Production rules: the build (npm run build:functions) refuses to run when a collection
 * is opened to clients, when a collection the functions use is not declared, or when storage lets
 * a client read files it did not create, or write anything but its own files under given upload names.
 */

const repository = repositoryDeclarations()
/** A copy of the repository's declarations to break. */
const copy = (): Declarations => JSON.parse(JSON.stringify(repository)) as Declarations
const collectionsOf = (d: Declarations) => (d.database as { collections: Array<{ name: string; rules: unknown }> }).collections
const rulesOf = (d: Declarations) => (d.storage as { rules: Record<string, unknown> }).rules

describe('the production rules', () => {
  it('when the repository is checked, then every collection is closed, declared, and storage is creator-only', () => {
    expect(declarationProblems(repository)).toEqual([])
    expect(rulesOf(repository)).toEqual({ read: 'resource.openid == auth.openid', write: UPLOADS_WRITE_RULE })
  })

  it('when the write rule is evaluated, then it admits exactly the names user.uploadPath gives, of every kind and extension', () => {
    const allows = compileStorageRule(UPLOADS_WRITE_RULE)
    const write = (cloudPath: string, creator = 'o-a') =>
      allows({ auth: { openid: 'o-a' }, resource: { openid: creator, path: cloudPath } })
    const name = '0123456789abcdef'.repeat(4).slice(0, 56)
    for (const kind of UPLOAD_KINDS)
      for (const ext of UPLOAD_EXTENSIONS) expect(write(`uploads/${kind}/${name}.${ext}`), `${kind} ${ext}`).toBe(true)
    expect(write(`uploads/products/${name}.png`, 'o-b')).toBe(false)
    expect(write(`uploads/products/${name}0.png`)).toBe(false)
    expect(write(`uploads/products/${name.toUpperCase()}.png`)).toBe(false)
    expect(write(`uploads/0123456789abcdef01234567/products/${name}.png`)).toBe(false)
    expect(write(`uploads/exports/${name}.csv`)).toBe(false)
    expect(write(`uploads/products/${name}.png.html`)).toBe(false)
  })

  it('finds the collections the functions use, also through a constant', () => {
    const used = new Set(repository.sources.flatMap(({ text }) => collectionsUsedIn(text)))
    expect([...used].sort()).toEqual(expect.arrayContaining(['orders', 'products', 'shares', 'suppliers', 'users']))
    expect(collectionsUsedIn("const COLLECTION = 'orders'\ndb.collection(COLLECTION)\ntx.collection<X>('carts')")).toEqual([
      'orders',
      'carts',
    ])
  })

  it.each([
    ['readable by clients', { read: true, write: false }],
    ['writable by clients', { read: false, write: true }],
    ['open to its creators', { read: 'doc._openid == auth.openid', write: false }],
    ['without rules', undefined],
  ])('when a collection is %s, then the check refuses it', (_case, rules) => {
    const opened = copy()
    collectionsOf(opened)[2]!.rules = rules
    expect(declarationProblems(opened)).toEqual([expect.stringContaining(`collection "${collectionsOf(opened)[2]!.name}" must be closed`)])
  })

  it('when a collection the functions use is not declared, then the check refuses it', () => {
    const missing = copy()
    ;(missing.database as { collections: unknown[] }).collections = collectionsOf(missing).filter((c) => c.name !== 'shares')
    expect(declarationProblems(missing)).toEqual([
      expect.stringContaining('uses collection "shares", which database.json does not declare'),
    ])
    const added = copy()
    added.sources = [...added.sources, { file: 'lib/store/carts.ts', text: "const carts = () => db.collection('carts')" }]
    expect(declarationProblems(added)).toEqual(['lib/store/carts.ts: uses collection "carts", which database.json does not declare'])
  })

  it.each([
    ['public reads', { read: true, write: UPLOADS_WRITE_RULE }],
    ['any signed-in reader', { read: 'auth != null', write: UPLOADS_WRITE_RULE }],
    ['public writes', { read: 'resource.openid == auth.openid', write: true }],
    ['creator writes anywhere (a file planted in any folder)', { read: false, write: 'resource.openid == auth.openid' }],
    [
      'writes of any name under uploads/',
      { read: false, write: 'resource.openid == auth.openid && /^uploads\\//.test(resource.path) == true' },
    ],
    ['an extra rule', { read: false, write: false, delete: true }],
  ])('when storage allows %s, then the check refuses it', (_case, rules) => {
    const opened = copy()
    ;(opened.storage as { rules: unknown }).rules = rules
    expect(declarationProblems(opened)).toEqual([expect.stringMatching(/^storage\.json: /)])
  })

  it('when storage has no declaration, then the check refuses it; fully closed storage passes', () => {
    expect(declarationProblems({ ...copy(), storage: undefined })).toEqual(['storage.json: missing (the storage rules of uploads)'])
    const closed = copy()
    ;(closed.storage as { rules: unknown }).rules = { read: false, write: false }
    expect(declarationProblems(closed)).toEqual([])
  })

  // A whole tsx + esbuild run of the function build, not a unit's milliseconds: on CI's 2 busy cores
  // it takes longer than vitest's default 5 s.
  it('when a copy of the project opens a collection, then npm run build:functions fails and builds nothing', () => {
    const root = path.resolve(__dirname, '../..')
    const work = mkdtempSync(path.join(tmpdir(), 'wegong-rules-'))
    try {
      cpSync(path.join(root, 'cloudfunctions'), path.join(work, 'cloudfunctions'), { recursive: true })
      cpSync(path.join(root, 'package.json'), path.join(work, 'package.json'))
      symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'))
      const declaration = path.join(work, 'cloudfunctions', 'database.json')
      writeFileSync(
        declaration,
        readFileSync(declaration, 'utf8').replace(
          '"rules": { "read": false, "write": false }',
          '"rules": { "read": true, "write": false }',
        ),
      )
      const run = spawnSync(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(work, 'cloudfunctions/build.ts')],
        {
          cwd: work,
          encoding: 'utf8',
        },
      )
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/refusing to build: .*\n.*collection "users" must be closed/)
      expect(existsSync(path.join(work, 'dist'))).toBe(false)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 60_000)
})
