import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import './index.scss'

/**
 * Money typed in yuan (「12.80」) and kept as the text the user typed, so a half-typed or wrong
 * value is never lost; it becomes integer fen (R18) only when the form is checked.
 */
export const YUAN_PATTERN = /^\d+(\.\d{1,2})?$/

/** Yuan text → fen; '' → undefined; anything else → NaN (the form says 价格格式不正确). */
export function yuanTextToFen(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (!YUAN_PATTERN.test(trimmed)) return Number.NaN
  const [yuan = '0', cents = ''] = trimmed.split('.')
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
}

/** Fen → the text an input shows (1280 → 「12.80」, 1200 → 「12」). */
export function fenToYuanText(fen: number | undefined): string {
  if (fen === undefined) return ''
  const yuan = Math.floor(fen / 100)
  const cents = fen % 100
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`
}

export const MONEY_FORMAT_ERROR = '价格格式不正确（如 12.80）'

export default function MoneyInput({
  className,
  value,
  placeholder = '0.00',
  invalid,
  onChange,
}: {
  className?: string
  value: string
  placeholder?: string
  invalid?: boolean
  onChange: (value: string) => void
}) {
  return (
    <View className={`money-input${invalid ? ' money-input-invalid' : ''} ${className ?? ''}`}>
      <Text className='money-input-symbol'>¥</Text>
      <Input
        className='money-input-field'
        type='digit'
        value={value}
        placeholder={placeholder}
        // Only digits and one point with two decimals can be typed; pasting anything else is caught on submit.
        onChange={(next) => onChange(next.replace(/[^\d.]/g, ''))}
      />
    </View>
  )
}
