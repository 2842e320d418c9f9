import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { publisher, upload } from './product-fixtures'

let main: Awaited<ReturnType<typeof publisher>>
let other: Awaited<ReturnType<typeof publisher>>
const t = testCloudForFile(async () => {
  main = await publisher(t, 'c-main')
  other = await publisher(t, 'c-other')
})

const HEADER = '商品编号,商品标题,商品描述,类目,规格,采购价,建议零售价,库存'
/**
 * Data row 1: a good spec; 2: a second spec of the same item (quoted field with a comma and a line
 * break); 3: a bad price; 4: a missing title; 5: a blank line; 6: a good second item.
 */
const CSV = [
  `\uFEFF${HEADER}`,
  'A-100,碎花连衣裙,显瘦百搭,女装,红色 / M,39.8,69,100',
  'A-100,碎花连衣裙,"春款，""爆款""\n第二行",女装,蓝色 / L,42,,50',
  'A-200,针织开衫,,女装,均码,abc,99,10',
  'A-300,,,女装,均码,20,,1',
  '',
  'B-1,儿童卫衣,,汽车用品,110cm,25.5,59.9,',
].join('\r\n')

async function importCsv(openid: string, body: string, name = 'shop.csv') {
  const { fileID } = await upload(t, openid, `imports/${name}`, body)
  expect(fileID).toMatch(/^cloud:\/\//)
  return { fileID, answer: await t.call('catalog', 'importFile', { fileID, fileName: name }, openid) }
}

const items = (supplierId: string) => t.db.find('shop_catalog', { supplierId })

describe('catalog.importFile (R15)', () => {
  it('when a CSV has good and bad rows, then bad rows are reported by data-row number and reason and good rows are stored as items', async () => {
    const { answer } = await importCsv('c-main', CSV)
    expect(answer).toEqual({
      ok: true,
      data: {
        items: 2,
        created: 2,
        updated: 0,
        errors: [
          { row: 3, reason: '价格格式不正确（如 12.80）' },
          { row: 4, reason: '缺少商品标题' },
        ],
      },
    })
    const stored = items(main.supplier._id)
    expect(stored).toHaveLength(2)
    expect(stored.find((item) => item.externalId === 'A-100')).toMatchObject({
      title: '碎花连衣裙',
      description: '显瘦百搭',
      category: '女装',
      specs: [
        { name: '红色 / M', price: 3980, retailPrice: 6900, stock: 100 },
        { name: '蓝色 / L', price: 4200, stock: 50 },
      ],
    })
    // A closed category is not carried over: the supplier picks one when publishing (R3).
    expect(stored.find((item) => item.externalId === 'B-1')).toMatchObject({
      category: '',
      specs: [{ name: '110cm', price: 2550, retailPrice: 5990, stock: 0 }],
    })
  })

  it('when the same file is imported again, then items are updated, not duplicated', async () => {
    const { answer } = await importCsv('c-main', CSV, 'again.csv')
    expect(answer).toMatchObject({ ok: true, data: { items: 2, created: 0, updated: 2 } })
    expect(items(main.supplier._id)).toHaveLength(2)
  })

  it('when a JSON file is imported, then its items are stored too, prices converted from yuan', async () => {
    const json = JSON.stringify([
      {
        externalId: 'J-1',
        title: '纯棉四件套',
        description: '亲肤透气',
        category: '家纺家饰',
        spec: '1.8m 床',
        price: 159,
        retailPrice: '299.00',
        stock: 20,
      },
      { externalId: 'J-1', title: '纯棉四件套', spec: '1.5m 床', price: 139.9, retailPrice: null, stock: 30 },
      { externalId: 'J-2', title: '', spec: '均码', price: 1 },
      'not an object',
    ])
    const { answer } = await importCsv('c-main', json, 'shop.json')
    expect(answer).toMatchObject({ ok: true, data: { items: 1, created: 1, updated: 0 } })
    if (answer.ok) expect(answer.data.errors.map((e) => e.row)).toEqual([3, 4])
    expect(t.db.find('shop_catalog', { supplierId: main.supplier._id, externalId: 'J-1' })[0]).toMatchObject({
      category: '家纺家饰',
      specs: [
        { name: '1.8m 床', price: 15900, retailPrice: 29900, stock: 20 },
        { name: '1.5m 床', price: 13990, stock: 30 },
      ],
    })
  })

  it('when someone imports another user’s file, then FORBIDDEN and nothing is stored', async () => {
    const { fileID } = await upload(t, 'c-main', 'imports/private.csv', CSV)
    const before = t.db.count('shop_catalog')
    const answer = await t.call('catalog', 'importFile', { fileID, fileName: 'private.csv' }, 'c-other')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(t.db.count('shop_catalog')).toBe(before)
    expect(items(other.supplier._id)).toHaveLength(0)
  })

  it.each([
    ['a CSV without the required columns', '编号,标题\nA,B', 'shop.csv', '缺少列'],
    ['a JSON that is not an array', '{"externalId":"A"}', 'shop.json', '数组'],
    ['an unclosed quote', `${HEADER}\nA,"坏的,女装,均码,1,,1`, 'shop.csv', '引号'],
    // 「商品」 in GBK, as an old Excel saves it.
    ['text that is not UTF-8', Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0x0a]), 'gbk.csv', 'UTF-8'],
  ])('when the file is %s, then INVALID_ARGUMENT says why and nothing is stored', async (_name, body, fileName, words) => {
    const { fileID } = await upload(t, 'c-other', `imports/${fileName}`, body)
    const answer = await t.call('catalog', 'importFile', { fileID, fileName }, 'c-other')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    if (!answer.ok) expect(answer.error.message).toContain(words)
    expect(items(other.supplier._id)).toHaveLength(0)
  })

  it('when the file does not exist, then NOT_FOUND', async () => {
    const { fileID } = await upload(t, 'c-other', 'imports/exists.csv', CSV)
    // A name the caller was given but never uploaded to, in the same environment as its real file.
    const { cloudPath } = await t.ok('user', 'uploadPath', { kind: 'imports', ext: 'csv' }, 'c-other')
    const missing = fileID.replace(/uploads\/.*$/, cloudPath)
    expect(missing).not.toBe(fileID)
    const answer = await t.call('catalog', 'importFile', { fileID: missing, fileName: 'missing.csv' }, 'c-other')
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('catalog.listShop / getShop', () => {
  it('when the supplier pages through its shop items, then each appears once; a search matches title or item number', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.ok('catalog', 'listShop', { limit: 1, ...(cursor ? { cursor } : {}) }, 'c-main')
      seen.push(...page.items.map((item) => item._id))
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 10)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(
      items(main.supplier._id)
        .map((item) => String(item._id))
        .sort(),
    )

    expect((await t.ok('catalog', 'listShop', { q: '四件套' }, 'c-main')).items.map((item) => item.externalId)).toEqual(['J-1'])
    expect((await t.ok('catalog', 'listShop', { q: 'b-1' }, 'c-main')).items.map((item) => item.externalId)).toEqual(['B-1'])
    // Regex characters are searched for literally.
    expect((await t.ok('catalog', 'listShop', { q: '.*' }, 'c-main')).items).toEqual([])
    expect((await t.ok('catalog', 'listShop', {}, 'c-other')).items).toEqual([])
  })

  it('when the owner opens a shop item it gets it; another supplier gets NOT_FOUND', async () => {
    const [item] = t.db.find('shop_catalog', { supplierId: main.supplier._id, externalId: 'A-100' })
    const id = String(item?._id)
    expect(await t.ok('catalog', 'getShop', { id }, 'c-main')).toMatchObject({ _id: id, externalId: 'A-100', title: '碎花连衣裙' })
    expect(await t.call('catalog', 'getShop', { id }, 'c-other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
