import { describe, expect, it } from 'vitest'
import { csvHeader, IMPORT_FILE_MAX_BYTES, IMPORT_ROWS_MAX } from './catalog'
import { decodeUtf8, parseCatalogueFile, parseCsv } from './catalog-import'
import { AppError } from './errors'
import { SPECS_MAX, STOCK_MAX } from './product'

const utf8 = (text: string) => new TextEncoder().encode(text)
const HEADER = csvHeader.join(',')
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join('\n'))

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_ARGUMENT') return error.message
    throw error
  }
  throw new Error('not refused')
}

describe('parseCsv (RFC 4180 as spreadsheets write it)', () => {
  it.each<[string, string, string[][]]>([
    [
      'LF line ends',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CR line ends',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a quoted comma', '"a,b",c', [['a,b', 'c']]],
    ['a doubled quote', '"say ""hi""",x', [['say "hi"', 'x']]],
    [
      'a line break inside quotes',
      '"line1\nline2",x\r\ny,z',
      [
        ['line1\nline2', 'x'],
        ['y', 'z'],
      ],
    ],
    ['a CRLF inside quotes', '"1\r\n2",x', [['1\r\n2', 'x']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['a quote in the middle of a field', 'ab"c,d', [['ab"c', 'd']]],
    ['an empty text', '', []],
  ])('when the text has %s, then the records are right', (_case, text, records) => {
    expect(parseCsv(text)).toEqual(records)
  })

  it('when a quote is never closed, then the file is refused', () => {
    expect(refusal(() => parseCsv('"abc,d\n1,2'))).toContain('未闭合的引号')
  })
})

describe('decodeUtf8', () => {
  it('when the file starts with a UTF-8 BOM (Excel), then the BOM is dropped', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('商品编号')]))).toBe('商品编号')
  })

  it.each<[string, number[]]>([
    ["GBK (Excel's default in China)", [0xc9, 0xcc, 0xc6, 0xb7]],
    ['a truncated UTF-8 sequence', [0xe5, 0x95]],
    ['UTF-16 with its BOM', [0xff, 0xfe, 0x46, 0x55, 0xd6]],
  ])('when the bytes are %s, then the file is refused with what to do', (_case, bytes) => {
    expect(refusal(() => decodeUtf8(new Uint8Array(bytes)))).toContain('UTF-8')
  })
})

describe('parseCatalogueFile (R15)', () => {
  it('when a CSV has a BOM, CRLF, quotes and a line break in a description, then the item is whole', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...utf8(`${HEADER}\r\nA-1,连衣裙,"春款，""爆款""\r\n第二行",女装,红色 / M,39.8,69,100\r\n`),
    ])
    expect(parseCatalogueFile(bytes, 'shop.csv')).toEqual({
      items: [
        {
          externalId: 'A-1',
          title: '连衣裙',
          description: '春款，"爆款"\r\n第二行',
          category: '女装',
          specs: [{ name: '红色 / M', price: 3980, retailPrice: 6900, stock: 100 }],
        },
      ],
      errors: [],
    })
  })

  it('when rows are bad, then each is reported by its data-row number and the good ones are kept', () => {
    const parsed = parseCatalogueFile(
      csv(
        'A-1,连衣裙,,女装,红色,39.8,,1',
        'A-1,连衣裙,,女装,红色,40,,1',
        'A-2,开衫,,女装,均码,12.345,,1',
        'A-3,\u200b,,女装,均码,1,,1',
        '',
        'A-4,卫衣,,汽车用品,均码,1,,-1',
        'A-5,卫衣,,女装,均码,1,,abc',
        `A-6,卫衣,,女装,均码,1,,${STOCK_MAX + 1}`,
        'A-7,卫衣,,女装,均码,1,,1e300',
        'A-8,卫衣,,女装,\u200b \u200d,1,,1',
      ),
      'x.csv',
    )
    expect(parsed.items.map((item) => item.externalId)).toEqual(['A-1'])
    expect(parsed.errors).toEqual([
      { row: 2, reason: '规格「红色」重复' },
      { row: 3, reason: '价格格式不正确（如 12.80）' },
      { row: 4, reason: '缺少商品标题' },
      { row: 6, reason: '库存不能为负' },
      { row: 7, reason: '库存必须是数字' },
      { row: 8, reason: '库存过大' },
      { row: 9, reason: '库存必须是数字' },
      { row: 10, reason: '缺少规格' },
    ])
  })

  it('when an item has more specs than a product may, then the extra rows are reported', () => {
    const rows = Array.from({ length: SPECS_MAX + 1 }, (_, i) => `A-1,连衣裙,,女装,规格${i},1,,1`)
    const parsed = parseCatalogueFile(csv(...rows), 'x.csv')
    expect(parsed.items[0]?.specs).toHaveLength(SPECS_MAX)
    expect(parsed.errors).toEqual([{ row: SPECS_MAX + 1, reason: `同一商品最多 ${SPECS_MAX} 个规格` }])
  })

  it(`when a file has ${IMPORT_ROWS_MAX} rows, then all are read, and one more is refused`, () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `S-${i},商品${i},,女装,均码,1.5,,${i}`)
    const parsed = parseCatalogueFile(csv(...rows(IMPORT_ROWS_MAX)), 'x.csv')
    expect(parsed.items).toHaveLength(IMPORT_ROWS_MAX)
    expect(parsed.errors).toEqual([])
    expect(refusal(() => parseCatalogueFile(csv(...rows(IMPORT_ROWS_MAX + 1)), 'x.csv'))).toContain(`最多导入 ${IMPORT_ROWS_MAX} 行`)
  })

  it('when the file is over the size limit, then it is refused before it is read', () => {
    expect(refusal(() => parseCatalogueFile(new Uint8Array(IMPORT_FILE_MAX_BYTES + 1), 'x.csv'))).toContain('文件过大')
  })

  it.each<[string, string, string]>([
    ['an empty file', '', '文件是空的'],
    ['a header without the required columns', '商品编号,商品标题\nA,B', 'CSV 缺少列：规格、采购价'],
    ['an unclosed quote', `${HEADER}\n"A-1,x`, '未闭合的引号'],
  ])('when the CSV is %s, then it is refused: %s', (_case, text, message) => {
    expect(refusal(() => parseCatalogueFile(utf8(text), 'x.csv'))).toContain(message)
  })

  it('when the columns come in another order or by their JSON keys, then they are matched by name', () => {
    const parsed = parseCatalogueFile(utf8('price,spec,title,externalId\n12.8,均码,卫衣,K-1'), 'x.csv')
    expect(parsed.items).toEqual([
      { externalId: 'K-1', title: '卫衣', description: '', category: '', specs: [{ name: '均码', price: 1280, stock: 0 }] },
    ])
  })

  it('when a JSON file holds numbers, strings and nulls, then prices convert from yuan exactly', () => {
    const json = JSON.stringify([
      { externalId: 'J-1', title: '四件套', category: '家纺家饰', spec: '1.8m', price: 159, retailPrice: '299.00', stock: 20 },
      { externalId: 'J-1', title: '四件套', spec: '1.5m', price: 0.29, retailPrice: null, stock: null },
      { externalId: 'J-2', title: '', spec: '均码', price: 1 },
      'not an object',
      // JSON.parse makes "__proto__" an own key, as a hostile file would carry it.
      JSON.parse('{"externalId":"J-3","title":"x","spec":"y","price":1,"__proto__":{"polluted":true},"constructor":"x"}') as unknown,
    ])
    const parsed = parseCatalogueFile(utf8(json), 'shop.json')
    expect(parsed.items[0]?.specs).toEqual([
      { name: '1.8m', price: 15900, retailPrice: 29900, stock: 20 },
      { name: '1.5m', price: 29, stock: 0 },
    ])
    expect(parsed.items.map((item) => item.externalId)).toEqual(['J-1', 'J-3'])
    expect(parsed.errors.map((error) => error.row)).toEqual([3, 4])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each<[string, string, string]>([
    ['not JSON', '[{', 'JSON 文件格式不正确'],
    ['not an array', '{"externalId":"x"}', 'JSON 文件须是商品数组'],
  ])('when the JSON file is %s, then it is refused', (_case, text, message) => {
    expect(refusal(() => parseCatalogueFile(utf8(text), 'shop.json'))).toContain(message)
  })

  it('when the file name has no known extension, then the content decides the format', () => {
    expect(parseCatalogueFile(utf8('[{"externalId":"a","title":"b","spec":"c","price":1}]'), 'export').items).toHaveLength(1)
    expect(parseCatalogueFile(csv('a,b,,,c,1,,'), 'export').items).toHaveLength(1)
  })
})
