import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { fenToYuanText, parseYuan } from '@/domain/money'
import './index.scss'

export const MONEY_FORMAT_ERROR = '价格格式不正确（如 12.80）'

/**
 * What a money input's text stands for: undefined when nothing is typed (optional fields stay
 * unset, required ones say 请填写…), null when it is not yuan (the form says MONEY_FORMAT_ERROR).
 */
export function typedFen(text: string): number | null | undefined {
  return text.trim() === '' ? undefined : parseYuan(text)
}

/** The text a money input starts with for a stored amount; an optional one that is unset shows empty. */
export function moneyText(fen: number | undefined): string {
  return fen === undefined ? '' : fenToYuanText(fen)
}

/**
 * Money typed in yuan (「12.80」) and kept as the text the user typed, so a half-typed or wrong
 * value is never lost; it becomes integer fen (R18) only when the form is checked.
 */
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
