import { Text } from '@tarojs/components'
import { formatYuan } from '@/domain/money'

/** The agent's retail price span as the customer views show it: 「¥129.00 起」 when the specs differ. */
export default function Price({ price, className }: { price: { min: number; max: number } | null; className: string }) {
  if (!price) return null
  return (
    <Text className={className}>
      ¥{formatYuan(price.min)}
      {price.max !== price.min ? ' 起' : ''}
    </Text>
  )
}
