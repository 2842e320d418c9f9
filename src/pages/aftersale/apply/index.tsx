import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import {
  AFTER_SHIPPING_REASONS,
  AFTERSALE_NOTE_MAX,
  BEFORE_SHIPPING_REASONS,
  aftersaleKindText,
  type AftersaleKind,
} from '@/domain/aftersale'
import { caseOpening, refundPhase } from '@/domain/aftersale-refunds'
import { ApplyAftersaleInput } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { fenToYuanText, formatFen, parseYuan } from '@/domain/money'
import type { Order } from '@/domain/order'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import { useLoader } from '@/hooks/useLoader'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import FieldRow from '@/components/FieldRow'
import MoneyRow from '@/components/FieldRow/MoneyRow'
import ChipChoice from '@/components/ChipChoice'
import { FormError } from '@/components/FormMessages'
import { NoticeView, SkeletonCards } from '@/components/StatusView'
import { OrderItems } from '@/components/OrderCard'
import SpecImages from '@/supplier/publish/form/SpecImages'
import type { DraftImage } from '@/supplier/publish/form/draft'
import '@/components/Aftersale/index.scss'
import './index.scss'

type Input = ActionArgs<'aftersale', 'apply'>
const fieldOf = (path: Array<string | number>) => String(path[0] ?? '')

/** The form itself, once the order is read: before shipping a refund of all of it; after, 仅退款 or 退货退款 of up to what is left. */
function ApplyForm({ order }: { order: Order }) {
  const phase = refundPhase(order.status)
  const before = phase === 'before_shipping'
  const [kind, setKind] = useState<AftersaleKind>('refund_only')
  const reasons: readonly string[] = before ? BEFORE_SHIPPING_REASONS : AFTER_SHIPPING_REASONS
  const [reason, setReason] = useState(reasons[0] ?? '')
  const opening = caseOpening({ ...order, refundedFen: order.refundedFen ?? 0 }, kind, Date.now())
  const maxFen = opening.ok ? opening.maxFen : 0
  const [amount, setAmount] = useState(fenToYuanText(maxFen))
  const [note, setNote] = useState('')
  const [images, setImages] = useState<DraftImage[]>([])
  const [uploading, setUploading] = useState(0)
  const keyFor = useSubmissionKey('as')
  const form = useFormSubmit({
    check: (): Checked<Input> => {
      if (uploading > 0) return { ok: false, hold: '图片还在上传，请稍候' }
      if (!opening.ok) return { ok: false, errors: {}, message: opening.message }
      const fen = before ? maxFen : parseYuan(amount)
      if (fen === null) return { ok: false, errors: { amountFen: '请填写正确的金额（如 12.50）' } }
      if (fen > maxFen) return { ok: false, errors: { amountFen: `退款金额不能超过可退金额 ${formatFen(maxFen)}` } }
      const input = { orderId: order._id, kind, reason, amountFen: fen, note, photos: images.map((i) => i.fileID) }
      return checkWith(ApplyAftersaleInput, input, fieldOf)
    },
    send: (input: Input) => callCloud('aftersale', 'apply', { ...input, idempotencyKey: keyFor(input) }),
    toast: '已提交申请',
    done: (item) => void Taro.redirectTo({ url: route('pages/aftersale/detail/index', { id: item._id }) }),
    fieldOf,
    leaves: true,
  })
  const changeImages = useCallback((change: (prev: DraftImage[]) => DraftImage[]) => setImages(change), [])
  const onBusy = useCallback((n: number) => setUploading(n), [])
  const { errors } = form

  return (
    <View className='apply-form'>
      <View className='wg-card apply-order'>
        <OrderItems order={order} />
        <Text className='apply-order-paid'>实付 {formatFen(order.total)}</Text>
      </View>
      <View className='wg-card case-popup-body apply-card'>
        {before ? (
          <Text className='apply-kind-fixed'>订单尚未发货：退还全部货款和运费</Text>
        ) : (
          <FieldRow name='kind' label='售后类型' error={errors.kind}>
            <ChipChoice
              name='case-chip'
              chips={[
                { value: 'refund_only' as const, label: aftersaleKindText.refund_only },
                { value: 'return_refund' as const, label: aftersaleKindText.return_refund },
              ]}
              value={kind}
              onChange={setKind}
            />
          </FieldRow>
        )}
        <FieldRow name='reason' label='申请原因' error={errors.reason}>
          <ChipChoice name='case-chip' chips={reasons.map((value) => ({ value, label: value }))} value={reason} onChange={setReason} />
        </FieldRow>
        {before ? (
          <FieldRow name='amountFen' label='退款金额' error={errors.amountFen}>
            <Text className='apply-amount-fixed'>{formatFen(maxFen)}</Text>
          </FieldRow>
        ) : (
          <MoneyRow
            name='amountFen'
            label={`退款金额（最多 ${formatFen(maxFen)}）`}
            error={errors.amountFen}
            value={amount}
            onChange={setAmount}
          />
        )}
        <FieldRow name='note' label='补充说明（选填）' error={errors.note}>
          <TextArea
            className='case-input case-note'
            value={note}
            placeholder={`说明具体情况，最多 ${AFTERSALE_NOTE_MAX} 字`}
            maxLength={AFTERSALE_NOTE_MAX}
            onChange={setNote}
          />
        </FieldRow>
        <FieldRow name='photos' label='图片凭证（选填，最多 9 张）' error={errors.photos}>
          <SpecImages images={images} invalid={Boolean(errors.photos)} onImagesChange={changeImages} onBusyChange={onBusy} />
        </FieldRow>
      </View>
      <FormError message={form.formError} />
      <Button className='apply-submit' type='primary' block loading={form.saving} onClick={() => void form.submit()}>
        提交申请
      </Button>
    </View>
  )
}

/** 申请退款 (paid, not shipped) / 申请售后 (shipped, or ≤ 7 days after completion) on one of the agent's orders (R19). */
export default function ApplyPage() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  const { state, reload } = useLoader(() => callCloud('order', 'get', { id: orderId }), { when: Boolean(orderId), key: orderId })

  if (!orderId || (state.status === 'error' && state.error.code === 'NOT_FOUND')) {
    return (
      <PageShell className='apply-page'>
        <NoticeView
          image='parcel'
          title='订单不存在'
          description='订单可能不属于当前账号'
          actionText='我的订单'
          onAction={() => void Taro.redirectTo({ url: route('pages/orders/index') })}
        />
      </PageShell>
    )
  }
  return (
    <PageShell className='apply-page'>
      <LoadGate state={state} onRetry={() => void reload()} loading={<SkeletonCards count={2} rows={4} />}>
        {(order) => <ApplyForm order={order} />}
      </LoadGate>
    </PageShell>
  )
}
