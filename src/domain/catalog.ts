import { z } from 'zod'
import { Fen } from './product'
import { codePointLength } from './text'

/**
 * R15: a supplier's existing shop catalogue, loaded from a CSV or JSON file, from which the publish
 * form is prefilled. One row per spec; rows sharing an `externalId` are one shop item.
 *
 * CSV columns (header row required, UTF-8, comma separated, quotes allowed):
 *   商品编号, 商品标题, 商品描述, 类目, 规格, 采购价, 建议零售价, 库存
 * JSON: an array of objects with keys externalId, title, description, category, spec, price,
 * retailPrice, stock — prices in yuan (as shops write them, e.g. 12.8), converted to fen.
 */
export const IMPORT_FILE_MAX_BYTES = 2 * 1024 * 1024
export const IMPORT_ROWS_MAX = 2000

export const csvHeader = ['商品编号', '商品标题', '商品描述', '类目', '规格', '采购价', '建议零售价', '库存'] as const

/** Yuan as written by people ("12.8", "12.80", 12.8) → integer fen, refusing more than two decimals. */
export const YuanToFen = z
  .union([z.number(), z.string().trim()])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '价格格式不正确（如 12.80）' })
      return z.NEVER
    }
    const [yuan = '0', cents = ''] = text.split('.')
    return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
  })
  .pipe(Fen)

export const ImportRowSchema = z.object({
  externalId: z.string().trim().min(1, '缺少商品编号').max(64, '商品编号过长'),
  title: z.string().trim().min(1, '缺少商品标题').refine((s) => codePointLength(s) <= 60, '商品标题最多 60 字'),
  description: z.string().trim().refine((s) => codePointLength(s) <= 500, '商品描述最多 500 字').default(''),
  category: z.string().trim().default(''),
  spec: z.string().trim().min(1, '缺少规格').refine((s) => codePointLength(s) <= 30, '规格名称最多 30 字'),
  price: YuanToFen,
  retailPrice: z.union([z.literal('').transform(() => undefined), YuanToFen]).optional(),
  stock: z.coerce.number({ invalid_type_error: '库存必须是数字' }).int('库存必须是整数').min(0, '库存不能为负').default(0),
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
