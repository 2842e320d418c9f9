import { Image, Text, View } from '@tarojs/components'
import { aftersaleKindText, aftersaleStatusText } from '@/domain/aftersale'
import type { AftersaleSummary } from '@/domain/aftersale-schemas'
import { formatFen } from '@/domain/money'
import { formatShanghai } from '@/domain/time'
import './index.scss'

/** One case in a list (我的售后, 售后, 平台介入): the other side, its status, the goods, the amount. */
export default function CaseCard({ item, onOpen }: { item: AftersaleSummary; onOpen: () => void }) {
  const who = item.counterpart.remark ? `${item.counterpart.remark}（${item.counterpart.name}）` : item.counterpart.name
  return (
    <View className='wg-card case-card' data-case-id={item._id} onClick={onOpen}>
      {item.item.image ? (
        <Image className='case-card-image' src={item.item.image} mode='aspectFill' />
      ) : (
        <View className='case-card-image' />
      )}
      <View className='case-card-main'>
        <View className='case-card-head'>
          <Text>{who}</Text>
          <Text className={`case-card-status case-card-status-${item.status}`}>{aftersaleStatusText[item.status]}</Text>
        </View>
        <Text className='case-card-title'>{item.item.description}</Text>
        <Text>
          {item.phase === 'before_shipping' ? '退款' : aftersaleKindText[item.kind]} · {item.reason} · {formatFen(item.amountFen)}
        </Text>
        <Text className='case-card-time'>{formatShanghai(item.updatedAt)}</Text>
      </View>
    </View>
  )
}
