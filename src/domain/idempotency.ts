import { z } from './zod'

/**
 * A client's key for one submission (提交订单, 发布, 保存 a new template…): the app makes one per
 * submission and sends it again with every retry of that submission, so a retry after a lost
 * answer finds what the first try made instead of making it twice.
 */
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识无效，请刷新后重试')
