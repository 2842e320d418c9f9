import { z } from 'zod'

/**
 * zod with Chinese messages. Every schema of the domain takes `z` from here, so the error map is set
 * before any schema parses, in the app and in the functions alike: no default English message
 * ("Required", "Expected number…") can reach a user. Schemas still give their own wording where a
 * field deserves a better one; this map is the floor.
 */
const typeNames: Partial<Record<string, string>> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  bigint: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
  undefined: '空',
  nan: '非数字',
}

function fieldOf(path: readonly (string | number)[]): string {
  return path.length === 0 ? '' : `「${path.join('.')}」`
}

function sizeUnit(type: string): string {
  if (type === 'string') return '个字符'
  if (type === 'array' || type === 'set') return '项'
  return ''
}

export const chineseErrorMap: z.ZodErrorMap = (issue) => {
  const field = fieldOf(issue.path)
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: `缺少必填项${field}` }
      return { message: `${field}类型不正确，应为${typeNames[issue.expected] ?? issue.expected}` }
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不支持的字段：${issue.keys.join('、')}` }
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `${field}取值不正确，可选：${issue.options.join('、')}` }
    case z.ZodIssueCode.too_small: {
      if (issue.type === 'string' && issue.minimum === 1) return { message: `${field}不能为空` }
      if (issue.type === 'number' || issue.type === 'bigint') {
        return { message: `${field}${issue.inclusive ? '不能小于' : '必须大于'} ${String(issue.minimum)}` }
      }
      return { message: `${field}至少 ${String(issue.minimum)} ${sizeUnit(issue.type)}` }
    }
    case z.ZodIssueCode.too_big: {
      if (issue.type === 'number' || issue.type === 'bigint') {
        return { message: `${field}${issue.inclusive ? '不能大于' : '必须小于'} ${String(issue.maximum)}` }
      }
      return { message: `${field}最多 ${String(issue.maximum)} ${sizeUnit(issue.type)}` }
    }
    case z.ZodIssueCode.not_multiple_of:
      return { message: `${field}必须是 ${String(issue.multipleOf)} 的倍数` }
    case z.ZodIssueCode.not_finite:
      return { message: `${field}必须是有限的数字` }
    case z.ZodIssueCode.invalid_date:
      return { message: `${field}日期不正确` }
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
    case z.ZodIssueCode.invalid_string:
    case z.ZodIssueCode.invalid_intersection_types:
    case z.ZodIssueCode.invalid_arguments:
    case z.ZodIssueCode.invalid_return_type:
    case z.ZodIssueCode.custom:
      return { message: `${field}格式不正确` }
    default:
      return { message: `${field}格式不正确` }
  }
}

z.setErrorMap(chineseErrorMap)

export { z }
