import {
  csvHeader,
  IMPORT_FILE_MAX_BYTES,
  IMPORT_ROWS_MAX,
  ImportRowSchema,
  type ImportReport,
  type ImportRow,
  type ShopItem,
} from './catalog'
import { isOpenCategory } from './categories'
import { AppError } from './errors'
import { SPECS_MAX } from './product'
import type { z } from './zod'

/**
 * R15: a supplier's shop catalogue file (CSV or JSON) → shop items and the rows that were refused.
 * Pure: the function downloads the bytes and stores the items; everything in between is here.
 */
export type ShopItemContent = Pick<ShopItem, 'externalId' | 'title' | 'description' | 'category' | 'specs'>

export interface ParsedCatalogue {
  items: ShopItemContent[]
  errors: ImportReport['errors']
}

type RowKey = keyof z.input<typeof ImportRowSchema>
const rowKeys: RowKey[] = ['externalId', 'title', 'description', 'category', 'spec', 'price', 'retailPrice', 'stock']
/** CSV columns by their Chinese header, or by the JSON key for people who export that way. */
const columnOf = new Map<string, RowKey>([
  ...csvHeader.map((name, i) => [name, rowKeys[i] as RowKey] as const),
  ...rowKeys.map((key) => [key, key] as const),
])
const requiredColumns: RowKey[] = ['externalId', 'title', 'spec', 'price']

/** One data record: `row` counts data rows from 1, the CSV header excluded; null values = a blank line. */
interface RawRow {
  row: number
  values: Record<string, unknown> | null
}

function refuse(message: string): never {
  throw new AppError('INVALID_ARGUMENT', message)
}

/**
 * RFC 4180 CSV as spreadsheets write it: comma separated, fields optionally in double quotes (with
 * `""` for a quote and line breaks inside), CRLF, LF or CR line ends.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const endField = () => {
    record.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (ch === '"') quoted = false
      else field += ch
      i += 1
      continue
    }
    if (ch === '"' && field.length === 0) quoted = true
    else if (ch === ',') endField()
    else if (ch === '\r' || ch === '\n') {
      endRecord()
      if (ch === '\r' && text[i + 1] === '\n') i += 1
    } else field += ch
    i += 1
  }
  if (quoted) refuse('CSV 文件格式不正确：有未闭合的引号')
  if (field.length > 0 || record.length > 0) endRecord()
  return records
}

function csvRows(text: string): RawRow[] {
  const [header, ...records] = parseCsv(text)
  if (!header || header.every((name) => name.trim() === '')) refuse('文件是空的')
  const keys = header.map((name) => columnOf.get(name.trim()))
  const missing = requiredColumns.filter((key) => !keys.includes(key)).map((key) => csvHeader[rowKeys.indexOf(key)])
  if (missing.length > 0) refuse(`CSV 缺少列：${missing.join('、')}（第一行须为表头：${csvHeader.join(',')}）`)
  return records.map((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return { row: index + 1, values: null }
    const values: Record<string, unknown> = {}
    keys.forEach((key, column) => {
      if (key && values[key] === undefined) values[key] = cells[column] ?? ''
    })
    return { row: index + 1, values }
  })
}

function jsonRows(text: string): RawRow[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    refuse('JSON 文件格式不正确')
  }
  if (!Array.isArray(data)) refuse('JSON 文件须是商品数组（[{ "externalId": …, "title": … }]）')
  return data.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { row: index + 1, values: {} }
    // null means "not given", as an empty cell does in CSV. Only the known keys are read.
    const values: Record<string, unknown> = {}
    for (const key of rowKeys) {
      const value = (item as Record<string, unknown>)[key]
      if (Object.prototype.hasOwnProperty.call(item, key) && value !== null) values[key] = value
    }
    return { row: index + 1, values }
  })
}

function formatOf(fileName: string, text: string): 'csv' | 'json' {
  if (/\.csv$/i.test(fileName)) return 'csv'
  if (/\.json$/i.test(fileName)) return 'json'
  return /^\s*[[{]/.test(text) ? 'json' : 'csv'
}

/** UTF-8 only (a UTF-8 BOM, which Excel writes, is dropped); anything else is refused with what to do. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    refuse('文件不是 UTF-8 编码，请在表格软件中另存为“CSV UTF-8”后再导入')
  }
}

function reasonOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join('；')
}

/** Rows sharing a shop item number are the specs of one item; its title and text come from its first row. */
function groupRows(rows: Array<{ row: number; data: ImportRow }>, errors: ImportReport['errors']): ShopItemContent[] {
  const groups = new Map<string, ShopItemContent & { specNames: Set<string> }>()
  for (const { row, data } of rows) {
    let group = groups.get(data.externalId)
    if (!group) {
      group = {
        externalId: data.externalId,
        title: data.title,
        description: data.description,
        // Only an open category (R3) prefills the form; anything else is left for the supplier to choose.
        category: isOpenCategory(data.category) ? data.category : '',
        specs: [],
        specNames: new Set(),
      }
      groups.set(data.externalId, group)
    }
    if (group.specNames.has(data.spec)) {
      errors.push({ row, reason: `规格「${data.spec}」重复` })
      continue
    }
    if (group.specs.length >= SPECS_MAX) {
      errors.push({ row, reason: `同一商品最多 ${SPECS_MAX} 个规格` })
      continue
    }
    if (!group.description && data.description) group.description = data.description
    if (!group.category && isOpenCategory(data.category)) group.category = data.category
    group.specNames.add(data.spec)
    group.specs.push({
      name: data.spec,
      price: data.price,
      ...(data.retailPrice !== undefined ? { retailPrice: data.retailPrice } : {}),
      stock: data.stock,
    })
  }
  return [...groups.values()].map(({ specNames: _specNames, ...item }) => item)
}

/**
 * The whole file: good rows become items, bad rows are reported by their data-row number (the
 * first row after the CSV header, or the first element of the JSON array, is 1) with a reason in
 * Chinese, sorted by row. A file that is not a catalogue at all is refused (INVALID_ARGUMENT).
 */
export function parseCatalogueFile(bytes: Uint8Array, fileName: string): ParsedCatalogue {
  if (bytes.length > IMPORT_FILE_MAX_BYTES) refuse(`文件过大，最大 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`)
  const text = decodeUtf8(bytes)
  const rows = formatOf(fileName, text) === 'csv' ? csvRows(text) : jsonRows(text)
  if (rows.length > IMPORT_ROWS_MAX) refuse(`一次最多导入 ${IMPORT_ROWS_MAX} 行，请拆分文件`)
  const errors: ImportReport['errors'] = []
  const good: Array<{ row: number; data: ImportRow }> = []
  for (const { row, values } of rows) {
    if (values === null) continue
    const parsed = ImportRowSchema.safeParse(values)
    if (parsed.success) good.push({ row, data: parsed.data })
    else errors.push({ row, reason: reasonOf(parsed.error) })
  }
  const items = groupRows(good, errors)
  errors.sort((a, b) => a.row - b.row)
  return { items, errors }
}
