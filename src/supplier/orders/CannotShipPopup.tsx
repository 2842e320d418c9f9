import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { AFTERSALE_NOTE_MAX, CANNOT_SHIP_REASONS } from '@/domain/aftersale'
import { RefundOrderInput, type RefundView } from '@/domain/aftersale-schemas'
import { formatFen } from '@/domain/money'
import type { Order } from '@/domain/order'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import FieldRow from '@/components/FieldRow'
import ChipChoice from '@/components/ChipChoice'
import type { ConfirmOptions } from '@/components/ConfirmDialog'

type Reason = (typeof CANNOT_SHIP_REASONS)[number]
const reasons = CANNOT_SHIP_REASONS.map((value) => ({ value, label: value }))
type Input = ActionArgs<'order', 'refund'>

/**
 * 无法发货，退款 (R19): a reason from the short list and an optional note; confirmed, the whole order
 * (goods and shipping) goes back to the agent and the order is cancelled.
 */
export default function CannotShipPopup({
  order,
  confirm,
  onClose,
  onRefunded,
}: {
  order: Order | null
  confirm: (options: ConfirmOptions) => Promise<boolean>
  onClose: () => void
  onRefunded: (order: Order, refund: RefundView) => void
}) {
  const [reason, setReason] = useState<Reason>(CANNOT_SHIP_REASONS[0])
  const [note, setNote] = useState('')
  const { errors, formError, saving, submit } = useFormSubmit({
    check: () => {
      const checked = checkWith(RefundOrderInput, { id: order?._id ?? '', reason, ...(note.trim() ? { note } : {}) }, (path) =>
        String(path[0] ?? ''),
      )
      return checked
    },
    send: async (input: Input) => {
      const ok = await confirm({
        title: '无法发货，退款',
        content: `将退还代理实付 ${formatFen(order?.total ?? 0)}（含运费），订单取消、库存退回，确定退款？`,
        confirmText: '确认退款',
        danger: true,
      })
      return ok ? callCloud('order', 'refund', input) : null
    },
    done: (answer) => {
      if (answer) onRefunded(answer.order, answer.refund)
    },
  })

  return (
    <Popup
      className='ship-popup refund-popup'
      visible={order !== null}
      position='bottom'
      round
      closeable
      title='无法发货，退款'
      onClose={onClose}
    >
      <View className='ship-body'>
        <FieldRow name='reason' label='无法发货的原因' error={errors.reason}>
          <ChipChoice name='refund-reason' chips={reasons} value={reason} onChange={setReason} />
        </FieldRow>
        <FieldRow name='note' label='补充说明（选填）' error={errors.note ?? formError}>
          <TextArea
            className='refund-note'
            value={note}
            placeholder={`告诉代理无法发货的原因，最多 ${AFTERSALE_NOTE_MAX} 字`}
            maxLength={AFTERSALE_NOTE_MAX}
            onChange={setNote}
          />
        </FieldRow>
        <Button className='refund-confirm' type='danger' block loading={saving} onClick={() => void submit()}>
          退款 {formatFen(order?.total ?? 0)}
        </Button>
      </View>
    </Popup>
  )
}
