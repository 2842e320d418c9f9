import { describe, expect, it } from 'vitest'
import type { CollectionState, EnvironmentState, FunctionState, IndexState } from '../../scripts/deploy/model'
import { canonicalJson } from '../../scripts/deploy/model'
import { describeStep, plan } from '../../scripts/deploy/plan'

const CLOSED = canonicalJson({ read: false, write: false })
const STORAGE = canonicalJson({ read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' })

const byOwner: IndexState = { name: 'owner_unique', unique: true, keys: [{ field: 'ownerOpenid', direction: 1 }] }
const byCreated: IndexState = { name: 'created', unique: false, keys: [{ field: 'createdAt', direction: -1 }] }
const suppliers: CollectionState = { name: 'suppliers', rule: CLOSED, indexes: [byOwner] }
const posts: CollectionState = { name: 'posts', rule: CLOSED, indexes: [byCreated] }
const expire: FunctionState = {
  name: 'expire',
  codeSha256: 'a'.repeat(64),
  timeout: 60,
  memory: 256,
  variables: { WEGONG_CODE_ENV_VERSION: 'release' },
  triggers: [{ name: 'expire', config: '0 */10 * * * * *' }],
}

const declared: EnvironmentState = { collections: [suppliers, posts], storageRule: STORAGE, functions: [expire] }
const empty: EnvironmentState = { collections: [], storageRule: null, functions: [] }

function lines(from: EnvironmentState, to: EnvironmentState = declared, options = {}): string[] {
  return plan(to, from, options).steps.map(describeStep)
}

describe('plan', () => {
  it('creates everything in an empty environment, indexes after their collections and triggers last', () => {
    expect(lines(empty)).toEqual([
      'create collection suppliers',
      `change rule of suppliers → ${CLOSED}`,
      'create collection posts',
      `change rule of posts → ${CLOSED}`,
      'create index suppliers.owner_unique (ownerOpenid asc, unique)',
      'create index posts.created (createdAt desc)',
      `change storage rule → ${STORAGE}`,
      'create function expire (timeout 60s, memory 256 MB, variables WEGONG_CODE_ENV_VERSION)',
      'create trigger expire.expire "0 */10 * * * * *"',
    ])
  })

  it('plans nothing when the environment is as declared, whatever the order of collections', () => {
    const live = { ...declared, collections: [...declared.collections].reverse() }
    expect(plan(declared, live)).toEqual({ steps: [], undeclared: { collections: [], indexes: [], functions: [] }, refused: [] })
  })

  const cases: Array<[string, EnvironmentState, string[]]> = [
    [
      'an added index',
      { ...declared, collections: [suppliers, { ...posts, indexes: [] }] },
      ['create index posts.created (createdAt desc)'],
    ],
    [
      'a new collection',
      { ...declared, collections: [suppliers] },
      ['create collection posts', `change rule of posts → ${CLOSED}`, 'create index posts.created (createdAt desc)'],
    ],
    [
      'a changed trigger',
      { ...declared, functions: [{ ...expire, triggers: [{ name: 'expire', config: '0 0 * * * * *' }] }] },
      ['remove trigger expire.expire', 'create trigger expire.expire "0 */10 * * * * *"'],
    ],
    [
      'a rule opened in the console',
      { ...declared, collections: [{ ...suppliers, rule: canonicalJson({ read: true, write: false }) }, posts] },
      [`change rule of suppliers → ${CLOSED}`],
    ],
    [
      'new code',
      { ...declared, functions: [{ ...expire, codeSha256: 'b'.repeat(64) }] },
      ['change code of function expire (bundle aaaaaaaaaaaa)'],
    ],
    [
      'a changed variable (named, never its value)',
      { ...declared, functions: [{ ...expire, variables: { WEGONG_CODE_ENV_VERSION: 'trial' } }] },
      ['change config of function expire (timeout 60s, memory 256 MB, variables WEGONG_CODE_ENV_VERSION)'],
    ],
    [
      'a changed timeout',
      { ...declared, functions: [{ ...expire, timeout: 3 }] },
      ['change config of function expire (timeout 60s, memory 256 MB, variables WEGONG_CODE_ENV_VERSION)'],
    ],
    ['a storage rule never set', { ...declared, storageRule: null }, [`change storage rule → ${STORAGE}`]],
  ]
  it.each(cases)('plans exactly %s', (_, live, expected) => {
    expect(lines(live)).toEqual(expected)
  })

  it('creates a new index before rebuilding a changed one and before dropping an undeclared one', () => {
    const oldOwner: IndexState = { ...byOwner, unique: false }
    const live = {
      ...declared,
      collections: [
        { ...suppliers, indexes: [oldOwner, byCreated] },
        { ...posts, indexes: [] },
      ],
    }
    expect(lines(live, declared, { prune: true })).toEqual([
      'create index posts.created (createdAt desc)',
      'rebuild index suppliers.owner_unique (ownerOpenid asc, unique)',
      'remove index suppliers.created',
    ])
  })

  it('lists what is online but undeclared and leaves it alone without --prune', () => {
    const stray: FunctionState = { ...expire, name: 'old', triggers: [] }
    const live: EnvironmentState = {
      ...declared,
      collections: [
        { ...suppliers, indexes: [byOwner, byCreated, { name: '_id_', unique: true, keys: [{ field: '_id', direction: 1 }] }] },
        posts,
        { name: 'legacy', rule: CLOSED, indexes: [] },
      ],
      functions: [expire, stray],
    }
    const result = plan(declared, live)
    expect(result.steps).toEqual([])
    expect(result.undeclared).toEqual({ collections: ['legacy'], indexes: ['suppliers.created'], functions: ['old'] })
    expect(plan(declared, live, { prune: true }).steps.map(describeStep)).toEqual([
      'remove index suppliers.created',
      'remove collection legacy',
      'remove function old',
    ])
  })

  it('refuses a unique index the live data violates, naming the keys', () => {
    const live = { ...declared, collections: [{ ...suppliers, indexes: [] }, posts] }
    const duplicates = { suppliers: { owner_unique: ['ownerOpenid="o1"'] } }
    expect(plan(declared, live, { duplicates }).refused).toEqual([
      { collection: 'suppliers', index: 'owner_unique', keys: ['ownerOpenid="o1"'] },
    ])
  })

  it('does not refuse a unique index that already stands, nor one on a collection it creates', () => {
    const duplicates = { suppliers: { owner_unique: ['ownerOpenid="o1"'] } }
    expect(plan(declared, declared, { duplicates }).refused).toEqual([])
    expect(plan(declared, empty, { duplicates }).refused).toEqual([])
  })
})
