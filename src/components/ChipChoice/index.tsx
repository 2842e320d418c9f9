import { View } from '@tarojs/components'

/** One chip: what it chooses and what it says. */
export interface Chip<T extends string> {
  value: T
  label: string
}

/**
 * Choosing one of a few values by tapping a chip (快递公司, 类目, 导出订单's days and status). `name`
 * classes the grid (`<name>s`), each chip (`<name>`) and the chosen one (`<name>-active`), so each
 * use keeps its page's selectors and look.
 */
export default function ChipChoice<T extends string>({
  name,
  chips,
  value,
  onChange,
}: {
  name: string
  chips: ReadonlyArray<Chip<T>>
  value: T
  onChange: (value: T) => void
}) {
  return (
    <View className={`${name}s`}>
      {chips.map((chip) => (
        <View key={chip.value} className={`${name}${chip.value === value ? ` ${name}-active` : ''}`} onClick={() => onChange(chip.value)}>
          {chip.label}
        </View>
      ))}
    </View>
  )
}
