import { z } from './zod'
import { parseYuan } from './money'
import { DESCRIPTION_MAX, Fen, SPEC_NAME_MAX, STOCK_MAX } from './product'
import { optionalText, requiredText } from './text'

/**
 * R15: a supplier's existing shop catalogue, loaded from a CSV or JSON file, from which the publish
 * form is prefilled. One row per spec; rows sharing an `externalId` are one shop item.
 *
 * CSV columns (header row required, UTF-8, comma separated, quotes allowed):
 *   商品编号, 商品标题, 商品描述, 类目, 规格, 采购价, 建议零售价, 库存
 * JSON: an array of objects with keys externalId, title, description, category, spec, price,
 * retailPrice, stock — prices in yuan (as shops write them, e.g. 12.8), converted to fen.
 */
export { IMPORT_FILE_MAX_BYTES, IMPORT_ROWS_MAX } from './catalog-rules'

export const csvHeader = ['商品编号', '商品标题', '商品描述', '类目', '规格', '采购价', '建议零售价', '库存'] as const

/** Yuan as written by people ("12.8", "12.80", 12.8) → integer fen, refusing more than two decimals. */
export const YuanToFen = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const fen = parseYuan(String(value))
    if (fen === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '价格格式不正确（如 12.80）' })
      return z.NEVER
    }
    return fen
  })
  .pipe(Fen)

/** A stock cell: a number, digits, or empty for 0; capped like product stock (R5). */
const StockCell = z
  .union([z.number(), z.string()], { invalid_type_error: '库存必须是数字' })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value
    const text = value.trim()
    if (text === '') return 0
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '库存必须是数字' })
      return z.NEVER
    }
    return Number(text)
  })
  .pipe(z.number().int('库存必须是整数').min(0, '库存不能为负').max(STOCK_MAX, '库存过大'))

export const ImportRowSchema = z.object({
  externalId: requiredText('商品编号', 64, { empty: '缺少商品编号' }),
  title: requiredText('商品标题', 60, { empty: '缺少商品标题' }),
  description: optionalText('商品描述', DESCRIPTION_MAX).default(''),
  category: z.string().trim().default(''),
  spec: requiredText('规格名称', SPEC_NAME_MAX, { empty: '缺少规格' }),
  price: YuanToFen,
  retailPrice: z.union([z.literal('').transform(() => undefined), YuanToFen]).optional(),
  stock: StockCell.default(0),
})
export type ImportRow = z.infer<typeof ImportRowSchema>

export const ShopItemSpecSchema = z.object({
  name: z.string(),
  price: z.number().int(),
  retailPrice: z.number().int().optional(),
  stock: z.number().int(),
})

export const ShopItemSchema = z.object({
  _id: z.string(),
  externalId: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  specs: z.array(ShopItemSpecSchema),
  importedAt: z.number().int(),
})
export type ShopItem = z.infer<typeof ShopItemSchema>

export const ImportReportSchema = z.object({
  items: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), reason: z.string() })),
})
export type ImportReport = z.infer<typeof ImportReportSchema>
