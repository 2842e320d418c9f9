import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { aftersaleKindText, aftersaleStatusText } from '@/domain/aftersale'
import type { Aftersale, TimelineEntry } from '@/domain/aftersale-schemas'
import { formatFen } from '@/domain/money'
import { formatShanghai } from '@/domain/time'
import { OrderItems } from '@/components/OrderCard'
import { actorText, caseHint, stepText } from './texts'
import './index.scss'

function copy(text: string) {
  Taro.setClipboardData({ data: text }).catch(() => undefined)
}

/** Photos of a request or a step: tap one to see them all full size. */
export function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null
  return (
    <View className='case-photos'>
      {urls.map((url) => (
        <Image
          key={url}
          className='case-photo'
          src={url}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ current: url, urls }).catch(() => undefined)}
        />
      ))}
    </View>
  )
}

function Row({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`case-row${className ? ` ${className}` : ''}`}>
      <Text className='case-row-label'>{label}</Text>
      <View className='case-row-value'>{children}</View>
    </View>
  )
}

function Step({ entry }: { entry: TimelineEntry }) {
  return (
    <View className={`case-step case-step-${entry.action}`}>
      <View className='case-step-head'>
        <Text className='case-step-who'>{actorText[entry.actor]}</Text>
        <Text className='case-step-what'>{stepText(entry.actor, entry.action)}</Text>
        <Text className='case-step-time'>{formatShanghai(entry.at)}</Text>
      </View>
      {entry.amountFen !== undefined ? <Text className='case-step-line'>金额：{formatFen(entry.amountFen)}</Text> : null}
      {entry.reason ? <Text className='case-step-line'>原因：{entry.reason}</Text> : null}
      {entry.note ? <Text className='case-step-line case-step-note'>{entry.note}</Text> : null}
      {entry.logistics ? (
        <Text className='case-step-line'>
          物流：{entry.logistics.carrier} {entry.logistics.trackingNo}
        </Text>
      ) : null}
      {entry.returnAddress ? (
        <Text className='case-step-line'>
          退货地址：{entry.returnAddress.name} {entry.returnAddress.phone} {entry.returnAddress.region} {entry.returnAddress.detail}
        </Text>
      ) : null}
      <Photos urls={entry.photos} />
    </View>
  )
}

const refundText = { requested: '退款中', processing: '退款中', succeeded: '退款成功', failed: '退款失败' } as const

/**
 * One after-sales case (R19) as its agent, its supplier or the operator reads it: the status and who
 * acts next, the request, the money, the return, the order, and 协商历史 newest first.
 */
export default function CaseView({
  item,
  viewer,
  now,
  actions,
}: {
  item: Aftersale
  viewer: 'agent' | 'supplier' | 'operator'
  now: number
  actions?: ReactNode
}) {
  const { order, refund } = item
  const address = item.returnAddress
  return (
    <View className='case-view'>
      <View className={`case-status case-status-${item.status}`}>
        <Text className='case-status-text'>{aftersaleStatusText[item.status]}</Text>
        <Text className='case-status-hint'>{caseHint(item.status, viewer, item.dueAt, now)}</Text>
      </View>

      {refund ? (
        <View className={`wg-card case-refund case-refund-${refund.status}`}>
          <Text className='wg-card-title'>退款信息</Text>
          <Row label='退款状态'>
            <Text className='case-refund-status'>{refundText[refund.status]}</Text>
          </Row>
          <Row label='退款金额'>
            <Text className='case-refund-amount'>{formatFen(refund.amountFen)}</Text>
          </Row>
          {refund.succeededAt ? <Row label='到账时间'>{formatShanghai(refund.succeededAt)}</Row> : null}
          {refund.status === 'failed' && refund.failReason ? <Text className='case-refund-fail'>{refund.failReason}</Text> : null}
        </View>
      ) : null}

      {address ? (
        <View className='wg-card case-return'>
          <Text className='wg-card-title'>退货地址</Text>
          <Text className='case-return-who'>
            {address.name} {address.phone}
          </Text>
          <Text className='case-return-address' userSelect>
            {address.region} {address.detail}
          </Text>
          <Text className='case-copy' onClick={() => copy(`${address.name} ${address.phone} ${address.region} ${address.detail}`)}>
            复制退货地址
          </Text>
          {item.returnLogistics ? (
            <Text className='case-return-logistics'>
              退货物流：{item.returnLogistics.carrier} {item.returnLogistics.trackingNo}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className='wg-card case-request'>
        <Text className='wg-card-title'>售后申请</Text>
        <Row label='售后类型'>{item.phase === 'before_shipping' ? '退款（未发货）' : aftersaleKindText[item.kind]}</Row>
        <Row label='申请原因'>{item.reason}</Row>
        <Row label='退款金额' className='case-amount'>
          <Text className='case-amount-value'>{formatFen(item.amountFen)}</Text>
        </Row>
        <Row label='可退金额'>{formatFen(item.refundableFen)}</Row>
        {item.note ? <Row label='申请说明'>{item.note}</Row> : null}
        <Photos urls={item.photos} />
        {/* The caller's photos WeChat found risky (R20): only the caller still sees them, and why. */}
        {item.hiddenPhotos?.length ? <Text className='case-hidden-photos'>{item.hiddenPhotos[0]?.reason}</Text> : null}
        <Row label='申请时间'>{formatShanghai(item.createdAt)}</Row>
      </View>

      <View className='wg-card case-order'>
        <View className='case-order-head'>
          <Text className='wg-card-title'>订单信息</Text>
          <Text className='case-order-who'>
            {item.counterpart.remark ? `${item.counterpart.remark}（${item.counterpart.name}）` : item.counterpart.name}
          </Text>
        </View>
        <OrderItems order={order} />
        <Row label='订单号'>
          <Text className='case-order-no' userSelect>
            {order.orderNo}
          </Text>
        </Row>
        <Row label='实付'>{formatFen(order.total)}</Row>
        {order.refundedFen ? <Row label='已退款'>{formatFen(order.refundedFen)}</Row> : null}
      </View>

      <View className='wg-card case-timeline'>
        <Text className='wg-card-title'>协商历史</Text>
        {[...item.timeline].reverse().map((entry, index) => (
          <Step key={`${entry.at}-${index}`} entry={entry} />
        ))}
      </View>

      {actions ? <View className='case-bar'>{actions}</View> : null}
    </View>
  )
}
