import { describe, expect, it } from 'vitest'
import { testCloudForFile, type TestCloud } from './harness'
import { productInput, publisher, specInput, type Publisher } from './product-fixtures'
import { shippedOrder } from './aftersale-fixtures'

/** Content security of text (R20): every text one user publishes to others is checked before it is stored. */

const RISKY = '违规测试'

let shop: Publisher
let productId = ''
// After-sales words are read by the other side: an order to apply on, and a case its supplier answers.
let orderId = ''
let caseId = ''
const t = testCloudForFile(async (cloud) => {
  shop = await publisher(cloud, 'cs-sup')
  productId = (await cloud.ok('product', 'create', productInput(shop.templateId, shop.image), 'cs-sup'))._id
  await cloud.ok('user', 'login', {}, 'cs-new')
  orderId = (await shippedOrder(cloud, 'cs-as-sup', 'cs-as-agent')).order._id
  const other = await shippedOrder(cloud, 'cs-as-sup2', 'cs-as-agent2')
  caseId = (await cloud.ok('aftersale', 'apply', { orderId: other.order._id, kind: 'refund_only', reason: '质量问题' }, 'cs-as-agent2'))._id
})

/** Every collection a publishing action writes. */
function store(cloud: TestCloud): string {
  return JSON.stringify(['products', 'posts', 'suppliers', 'users', 'bindings', 'aftersales', 'orders'].map((name) => cloud.db.find(name)))
}

async function securityControl(body?: unknown) {
  const response = await fetch(`${t.cloud.url}/_local/security`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  return ((await response.json()) as { data: { textChecks: Array<{ from: string; openid: string; scene: number; content: string }> } }).data
}

type Case = [string, string, string, () => Record<string, unknown>, string, Array<string | number>, string]
const cases: Case[] = [
  [
    'product.create description',
    'product',
    'create',
    () => productInput(shop.templateId, shop.image, { description: `春季新款${RISKY}` }),
    'cs-sup',
    ['description'],
    '商品描述',
  ],
  [
    'product.create spec name',
    'product',
    'create',
    () => productInput(shop.templateId, shop.image, { specs: [specInput(shop.image), specInput(shop.image, { name: `蓝色${RISKY}` })] }),
    'cs-sup',
    ['specs', 1, 'name'],
    '规格名称',
  ],
  [
    'product.update description',
    'product',
    'update',
    () => ({ id: productId, ...productInput(shop.templateId, shop.image, { description: `改${RISKY}` }) }),
    'cs-sup',
    ['description'],
    '商品描述',
  ],
  [
    'post.create text',
    'post',
    'create',
    () => ({ text: `上新啦${RISKY}`, images: [], productIds: [productId] }),
    'cs-sup',
    ['text'],
    '动态内容',
  ],
  [
    'supplier.register name',
    'supplier',
    'register',
    () => ({ name: `${RISKY}服饰`, contact: '13800138001', mainCategory: '女装' }),
    'cs-new',
    ['name'],
    '供应商名称',
  ],
  [
    'supplier.updateProfile name',
    'supplier',
    'updateProfile',
    () => ({ name: `${RISKY}服饰`, contact: '13800138000', mainCategory: '女装' }),
    'cs-sup',
    ['name'],
    '供应商名称',
  ],
  [
    'supplier.updateProfile return address',
    'supplier',
    'updateProfile',
    () => ({
      name: '好货服饰',
      contact: '13800138000',
      mainCategory: '女装',
      returnAddress: { name: '王仓管', phone: '13800138000', region: '广东省 广州市', detail: `石井街${RISKY}` },
    }),
    'cs-sup',
    ['returnAddress', 'detail'],
    '退货详细地址',
  ],
  ['user.updateProfile nickname', 'user', 'updateProfile', () => ({ nickname: `小${RISKY}` }), 'cs-new', ['nickname'], '昵称'],
  [
    'aftersale.apply note',
    'aftersale',
    'apply',
    () => ({ orderId, kind: 'refund_only', reason: '质量问题', note: `线头多${RISKY}` }),
    'cs-as-agent',
    ['note'],
    '说明',
  ],
  [
    'aftersale.refuse note',
    'aftersale',
    'refuse',
    () => ({ id: caseId, reason: '商品无问题', note: `已核对${RISKY}` }),
    'cs-as-sup2',
    ['note'],
    '说明',
  ],
]

describe('risky text is refused before anything is stored (R20)', () => {
  it.each(cases)(
    'when %s has a risky word, then INVALID_ARGUMENT names the field in Chinese and the store is unchanged',
    async (_name, fn, action, input, caller, path, label) => {
      const before = store(t)
      const answer = await t.raw(fn, { action, ...input() }, caller)
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `${label}含有不适宜发布的内容，请修改后再试` },
      })
      expect(answer.ok ? [] : answer.error.issues).toEqual([{ path, message: `${label}含有不适宜发布的内容，请修改后再试` }])
      expect(store(t)).toBe(before)
    },
  )

  it('when the WeChat ID shown to customers changes, then it is checked with the caller’s openid in the profile scene', async () => {
    // A WeChat ID is letters and digits, so no Chinese test word fits it: the check itself is what this proves.
    const before = (await securityControl()).textChecks.length
    await t.ok('user', 'updateProfile', { wechatId: 'wegong_2026' }, 'cs-new')
    const checks = (await securityControl()).textChecks.slice(before)
    expect(checks).toEqual([expect.objectContaining({ from: 'user', openid: 'cs-new', scene: 1, content: 'wegong_2026' })])
  })

  it('when a product is published, then its description and every spec name are checked with the publisher’s openid in the social scene', async () => {
    const before = (await securityControl()).textChecks.length
    const input = productInput(shop.templateId, shop.image, { specs: [specInput(shop.image), specInput(shop.image, { name: '蓝色 / L' })] })
    await t.ok('product', 'create', input, 'cs-sup')
    const checks = (await securityControl()).textChecks.slice(before)
    expect(checks.map((c) => [c.openid, c.scene, c.content]).sort()).toEqual(
      [
        ['cs-sup', 4, input.description],
        ['cs-sup', 4, '红色 / M'],
        ['cs-sup', 4, '蓝色 / L'],
      ].sort(),
    )
  })

  it('when the risky word is taken out, then the same post is published', async () => {
    const fixed = await t.ok('post', 'create', { text: '上新啦，春季新款', images: [], productIds: [productId] }, 'cs-sup')
    expect(t.db.find('posts', { _id: fixed._id })).toHaveLength(1)
  })

  it('when a doubtful text (review) is published, then it is stored', async () => {
    const answer = await t.ok('user', 'updateProfile', { nickname: '待审测试的小店' }, 'cs-new')
    expect(answer.nickname).toBe('待审测试的小店')
  })

  it('when WeChat’s check cannot answer, then publishing is refused with INTERNAL and a retry later succeeds', async () => {
    await securityControl({ textCheck: 'down' })
    try {
      const before = store(t)
      const answer = await t.raw('post', { action: 'create', text: '今日上新', images: [], productIds: [productId] }, 'cs-sup')
      expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: '内容安全检查暂时不可用，请稍后再发布' } })
      expect(store(t)).toBe(before)
    } finally {
      await securityControl({ textCheck: 'up' })
    }
    await t.ok('post', 'create', { text: '今日上新', images: [], productIds: [productId] }, 'cs-sup')
  })
})

describe('an edit re-checks only the text it changes (R20)', () => {
  it('when a product is saved with its texts unchanged, then nothing is checked; a changed spec name alone is checked once', async () => {
    const product = t.db.find('products', { _id: productId })[0] as { description: string; specs: Array<{ id: string; name: string }> }
    const same = productInput(shop.templateId, shop.image, { description: product.description })
    const before = (await securityControl()).textChecks.length
    await t.ok('product', 'update', { id: productId, ...same }, 'cs-sup')
    expect((await securityControl()).textChecks.slice(before)).toEqual([])

    const renamed = productInput(shop.templateId, shop.image, {
      description: product.description,
      specs: [specInput(shop.image, { name: '黑色 / S' })],
    })
    await t.ok('product', 'update', { id: productId, ...renamed }, 'cs-sup')
    const checks = (await securityControl()).textChecks.slice(before)
    expect(checks.map((c) => c.content)).toEqual(['黑色 / S'])
  })

  it('when a supplier or a user saves a profile with unchanged names, then nothing is checked', async () => {
    const supplier = t.db.find('suppliers', { ownerOpenid: 'cs-sup' })[0] as { name: string; contact: string; mainCategory: string }
    const user = t.db.find('users', { openid: 'cs-new' })[0] as { nickname: string }
    const before = (await securityControl()).textChecks.length
    await t.ok('supplier', 'updateProfile', { name: supplier.name, contact: '13800138009', mainCategory: supplier.mainCategory }, 'cs-sup')
    await t.ok('user', 'updateProfile', { nickname: user.nickname }, 'cs-new')
    expect((await securityControl()).textChecks.slice(before)).toEqual([])
    expect(t.db.find('suppliers', { ownerOpenid: 'cs-sup' })[0]).toMatchObject({ contact: '13800138009' })
  })
})
