import { describe, expect, it } from 'vitest'
import type { ActionInput } from '@/domain/api'
import { testCloudForFile } from './harness'
import { productInput, publisher } from './product-fixtures'

let main: Awaited<ReturnType<typeof publisher>>
let other: Awaited<ReturnType<typeof publisher>>
const t = testCloudForFile(async () => {
  main = await publisher(t, 'sh-main')
  other = await publisher(t, 'sh-other')
})

const template: ActionInput<'shipping', 'save'> = {
  name: '江浙沪包邮',
  firstFee: 1000,
  additionalFee: 300,
  regions: [{ provinces: ['新疆', '西藏'], firstFee: 2500, additionalFee: 1000 }],
  freeOver: 19900,
}
const storedTemplate = (id: string) => t.db.find('shipping_templates', { _id: id })[0]

describe('shipping.save / list (R7)', () => {
  it('when the supplier saves a template, then it is stored and listed with its regions and threshold', async () => {
    const saved = await t.ok('shipping', 'save', template, 'sh-main')
    expect(saved).toEqual({ _id: expect.any(String), ...template })
    expect(storedTemplate(saved._id)).toMatchObject({ supplierId: main.supplier._id, ...template })
    const list = await t.ok('shipping', 'list', {}, 'sh-main')
    expect(list.items.map((item) => item._id)).toEqual([main.templateId, saved._id])
    expect(list.items[1]).toEqual(saved)
    expect((await t.ok('shipping', 'list', {}, 'sh-other')).items.map((item) => item._id)).toEqual([other.templateId])
  })

  it('when the supplier edits its template without a threshold, then the old threshold and regions are gone', async () => {
    const saved = await t.ok('shipping', 'save', template, 'sh-main')
    const edited = await t.ok('shipping', 'save', { id: saved._id, name: '全国统一', firstFee: 600, additionalFee: 100 }, 'sh-main')
    expect(edited).toEqual({ _id: saved._id, name: '全国统一', firstFee: 600, additionalFee: 100, regions: [] })
    const stored = storedTemplate(saved._id)
    expect(stored).toMatchObject({ name: '全国统一', firstFee: 600, additionalFee: 100, regions: [] })
    expect(stored).not.toHaveProperty('freeOver')
  })

  it('when another supplier edits my template, then NOT_FOUND and nothing changes', async () => {
    const before = storedTemplate(main.templateId)
    const answer = await t.call('shipping', 'save', { id: main.templateId, ...template }, 'sh-other')
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(storedTemplate(main.templateId)).toEqual(before)
  })

  it.each([
    [
      {
        ...template,
        regions: [
          { provinces: ['新疆'], firstFee: 1, additionalFee: 1 },
          { provinces: ['新疆'], firstFee: 2, additionalFee: 2 },
        ],
      },
      'regions',
    ],
    [{ ...template, firstFee: -1 }, 'firstFee'],
    [{ ...template, name: '' }, 'name'],
    [{ ...template, supplierId: 'forged' }, ''],
  ])('when the template is %j, then INVALID_ARGUMENT and nothing is stored', async (input, field) => {
    const before = t.db.count('shipping_templates')
    const answer = await t.raw('shipping', { action: 'save', ...input }, 'sh-main')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    if (!answer.ok && field) expect(answer.error.issues?.map((issue) => issue.path[0])).toContain(field)
    expect(t.db.count('shipping_templates')).toBe(before)
  })

  it('when nobody is signed in, then UNAUTHENTICATED', async () => {
    expect(await t.call('shipping', 'list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('shipping.get (R7)', () => {
  it('when the supplier gets its template, then it answers that template as saved', async () => {
    const saved = await t.ok('shipping', 'save', template, 'sh-main')
    expect(await t.ok('shipping', 'get', { id: saved._id }, 'sh-main')).toEqual(saved)
  })

  it('when another supplier gets my template, then NOT_FOUND reads like a template that does not exist', async () => {
    const foreign = await t.call('shipping', 'get', { id: main.templateId }, 'sh-other')
    const missing = await t.call('shipping', 'get', { id: 'no-such-template' }, 'sh-other')
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '运费模板不存在或已被删除' } })
    expect(foreign).toEqual(missing)
  })
})

describe('shipping.remove', () => {
  it('when products use the template, even a delisted one, then FAILED_PRECONDITION names them and the template stays', async () => {
    const saved = await t.ok('shipping', 'save', { name: '待删除模板', firstFee: 500, additionalFee: 0 }, 'sh-main')
    const product = await t.ok(
      'product',
      'create',
      productInput(saved._id, main.image, { description: '纯棉四件套床上用品，亲肤透气' }),
      'sh-main',
    )
    await t.ok('product', 'delist', { ids: [product._id] }, 'sh-main')
    const answer = await t.call('shipping', 'remove', { id: saved._id }, 'sh-main')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    if (!answer.ok) expect(answer.error.message).toContain('「纯棉四件套床上用品，亲肤…」')
    expect(storedTemplate(saved._id)).toBeDefined()

    await t.ok('product', 'remove', { ids: [product._id] }, 'sh-main')
    expect(await t.ok('shipping', 'remove', { id: saved._id }, 'sh-main')).toEqual({ removed: 1 })
    expect(storedTemplate(saved._id)).toBeUndefined()
  })

  it('when another supplier removes my template, then NOT_FOUND and it stays', async () => {
    expect(await t.call('shipping', 'remove', { id: main.templateId }, 'sh-other')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(storedTemplate(main.templateId)).toBeDefined()
  })
})
