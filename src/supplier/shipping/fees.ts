import { formatFen } from '@/domain/money'
import type { Shipping } from '@/domain/shipping'

/** A fee rule as people read it (R7): 「首件 ¥8.00 · 续件 ¥2.00」. */
export function feeText(first: number, additional: number): string {
  return `首件 ${formatFen(first)} · 续件 ${formatFen(additional)}`
}

/** A template in one line: its default fees and, if any, 满额包邮. */
export function templateSummary(template: Shipping): string {
  const free = template.freeOver !== undefined ? [`满 ${formatFen(template.freeOver)} 包邮`] : []
  return [feeText(template.firstFee, template.additionalFee), ...free].join(' · ')
}
