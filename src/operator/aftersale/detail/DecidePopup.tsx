import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { AFTERSALE_NOTE_MAX } from '@/domain/aftersale'
import { DecideAftersaleInput, type Aftersale } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { fenToYuanText, formatFen, parseYuan } from '@/domain/money'
import { callCloud } from '@/api/cloud'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import FieldRow from '@/components/FieldRow'
import MoneyRow from '@/components/FieldRow/MoneyRow'
import ChipChoice from '@/components/ChipChoice'
import type { ConfirmOptions } from '@/components/ConfirmDialog'

type Outcome = 'refund' | 'close'
type Input = ActionArgs<'aftersale', 'decide'>
const outcomes = [
  { value: 'refund' as const, label: '退款给代理' },
  { value: 'close' as const, label: '关闭售后' },
]

/** 平台裁决: refund an amount (≤ what is left of the order) or close the case, with the words both sides will read. */
export default function DecidePopup({
  item,
  visible,
  confirm,
  onClose,
  onDone,
}: {
  item: Aftersale
  visible: boolean
  confirm: (options: ConfirmOptions) => Promise<boolean>
  onClose: () => void
  onDone: (next: Aftersale) => void
}) {
  const [outcome, setOutcome] = useState<Outcome>('refund')
  const [amount, setAmount] = useState(fenToYuanText(Math.min(item.amountFen, item.refundableFen)))
  const [note, setNote] = useState('')
  const { errors, formError, saving, submit } = useFormSubmit({
    check: (): Checked<Input> => {
      const fen = outcome === 'refund' ? parseYuan(amount) : undefined
      if (fen === null) return { ok: false, errors: { amountFen: '请填写正确的金额（如 12.50）' } }
      if (fen !== undefined && fen > item.refundableFen)
        return { ok: false, errors: { amountFen: `退款金额不能超过可退金额 ${formatFen(item.refundableFen)}` } }
      return checkWith(DecideAftersaleInput, { id: item._id, outcome, ...(fen === undefined ? {} : { amountFen: fen }), note }, (path) =>
        String(path[0] ?? ''),
      )
    },
    send: async (input: Input) => {
      const ok = await confirm({
        title: '确认裁决',
        content:
          input.outcome === 'refund' ? `将退还代理 ${formatFen(input.amountFen ?? 0)}，裁决后不可更改。` : '将关闭该售后，裁决后不可更改。',
        confirmText: '确认裁决',
        danger: input.outcome === 'close',
      })
      return ok ? callCloud('aftersale', 'decide', input) : null
    },
    done: (next) => {
      if (next) onDone(next)
    },
    fieldOf: (path) => String(path[0] ?? ''),
  })

  return (
    <Popup className='case-popup' visible={visible} position='bottom' round closeable title='平台裁决' onClose={onClose}>
      <View className='case-popup-body decide-body'>
        <FieldRow name='outcome' label='裁决结果' error={errors.outcome}>
          <ChipChoice name='case-chip' chips={outcomes} value={outcome} onChange={setOutcome} />
        </FieldRow>
        {outcome === 'refund' ? (
          <MoneyRow
            name='amountFen'
            label={`退款金额（最多 ${formatFen(item.refundableFen)}）`}
            error={errors.amountFen}
            value={amount}
            onChange={setAmount}
          />
        ) : null}
        <FieldRow name='note' label='裁决说明（双方都会看到）' error={errors.note ?? formError}>
          <TextArea
            className='case-input case-note'
            value={note}
            placeholder={`最多 ${AFTERSALE_NOTE_MAX} 字`}
            maxLength={AFTERSALE_NOTE_MAX}
            onChange={setNote}
          />
        </FieldRow>
        <Button className='case-popup-confirm decide-confirm' type='primary' block loading={saving} onClick={() => void submit()}>
          提交裁决
        </Button>
      </View>
    </Popup>
  )
}
