import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import {
  describeMarkup,
  PERCENT_MAX,
  RETAIL_FLOOR_HINT,
  retailPriceOf,
  retailShowsDefault,
  type Markup,
  type MarkupKind,
} from '@/domain/markup-rules'
import { fenToYuanText, formatFen, parseYuan } from '@/domain/money'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import MoneyInput from '@/components/MoneyInput'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import './index.scss'

const kinds: Array<{ value: MarkupKind; title: string; hint: string }> = [
  { value: 'percent', title: '按比例加价', hint: '拿货价 × (1 + 比例)' },
  { value: 'fixed', title: '固定加价', hint: '拿货价 + 固定金额' },
  { value: 'suggested', title: '按建议零售价', hint: '供应商填了建议零售价时使用' },
]

interface Form {
  kind: MarkupKind
  /** Percent as typed, or yuan as typed. */
  percent: string
  yuan: string
  roundUp: boolean
}

function toForm(markup: Markup): Form {
  return {
    kind: markup.kind,
    percent: markup.kind === 'percent' ? String(markup.value) : '20',
    yuan: markup.kind === 'fixed' ? fenToYuanText(markup.value) : '',
    roundUp: markup.roundUp,
  }
}

function fromForm(form: Form): Markup | string {
  if (form.kind === 'suggested') return { kind: 'suggested', value: 0, roundUp: form.roundUp }
  if (form.kind === 'percent') {
    if (!/^\d{1,4}$/.test(form.percent.trim())) return '请填写整数比例（如 50）'
    const value = Number(form.percent.trim())
    if (value > PERCENT_MAX) return `加价比例最多 ${PERCENT_MAX}%`
    return { kind: 'percent', value, roundUp: form.roundUp }
  }
  const fen = parseYuan(form.yuan)
  if (fen === null) return '请填写加价金额（如 10 或 9.90）'
  return { kind: 'fixed', value: fen, roundUp: form.roundUp }
}

/**
 * 加价设置 (R16): the agent's default markup for a supplier, or its own markup for one product
 * (`productId`). The preview computes the retail price from the agent's own purchase price.
 */
export default function MarkupPage() {
  const { params } = useRouter()
  const supplierId = params.supplierId ? decodeURIComponent(params.supplierId) : ''
  const productId = params.productId ? decodeURIComponent(params.productId) : undefined
  const { state: session } = useSession()
  const ready = session.status === 'ready'
  const auto = { when: ready && Boolean(supplierId), key: `${supplierId}/${productId ?? ''}` }
  const settings = useLoader(() => callCloud('network', 'markup', { supplierId, ...(productId ? { productId } : {}) }), auto)
  const product = useLoader(() => (productId ? callCloud('feed', 'product', { id: productId }) : Promise.resolve(null)), auto)
  const [form, setForm] = useState<Form | null>(null)
  const scope = { supplierId, ...(productId ? { productId } : {}) }
  const submission = useFormSubmit({
    check: (): Checked<Markup> => {
      const markup = form ? fromForm(form) : '请稍候'
      return typeof markup === 'string' ? { ok: false, errors: {}, message: markup } : { ok: true, input: markup }
    },
    send: (markup: Markup) => callCloud('network', 'setMarkup', { ...scope, ...markup }),
    toast: '已保存',
    done: (next) => {
      settings.setState({ status: 'ready', data: next })
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600)
    },
  })
  const { formError: error, report, clear } = submission
  // 恢复默认加价 drops the product's own markup; a refusal is said where the save's is.
  const resetting = useFormSubmit({
    check: (): Checked<string> => (productId ? { ok: true, input: productId } : { ok: false, errors: {} }),
    send: (id: string) => callCloud('network', 'removeMarkup', { supplierId, productId: id }),
    done: (next) => {
      settings.setState({ status: 'ready', data: next })
      setForm(toForm(next.effective))
      void Taro.showToast({ title: '已恢复默认加价', icon: 'none' })
    },
    refused: (e) => report({}, e.message),
  })
  const saving = submission.saving || resetting.saving

  useEffect(() => {
    if (settings.state.status === 'ready' && form === null) setForm(toForm(settings.state.data.effective))
  }, [settings.state, form])

  const loaded = product.state.status === 'ready' ? product.state.data : null
  const sample = loaded?.specs[0]
  const purchase = sample?.price ?? 10000
  const preview = form ? fromForm(form) : null
  const previewSpec = { purchasePrice: purchase, ...(sample?.retailPrice !== undefined ? { suggestedRetail: sample.retailPrice } : {}) }

  return (
    <PageShell className='markup-page'>
      <LoadGate state={settings.state} onRetry={() => void settings.reload()}>
        {(current) =>
          form ? (
            <>
              <View className='wg-card markup-scope'>
                <Text className='markup-scope-title'>{productId ? '这件商品的加价' : '该供应商所有商品的默认加价'}</Text>
                <Text className='markup-scope-note'>
                  {productId
                    ? current.product
                      ? `已单独设置；默认加价：${current.supplierDefault ? describeMarkup(current.supplierDefault, formatFen) : '加价 20%，取整到元'}`
                      : '未单独设置，正在使用默认加价'
                    : '零售价按你自己的拿货价计算，等级或价格变了也会自动跟着变'}
                </Text>
              </View>
              <View className='wg-card markup-kinds'>
                {kinds.map((kind) => (
                  <View
                    key={kind.value}
                    className={`markup-kind markup-kind-${kind.value}${form.kind === kind.value ? ' markup-kind-active' : ''}`}
                    onClick={() => {
                      setForm({ ...form, kind: kind.value })
                      clear()
                    }}
                  >
                    <Text className='markup-kind-title'>{kind.title}</Text>
                    <Text className='markup-kind-hint'>{kind.hint}</Text>
                  </View>
                ))}
                {form.kind === 'percent' ? (
                  <View className='markup-line'>
                    <Text className='markup-label'>加价比例</Text>
                    <Input
                      className='markup-percent'
                      type='number'
                      value={form.percent}
                      onChange={(percent) => {
                        setForm({ ...form, percent: percent.replace(/\D/g, '') })
                        clear()
                      }}
                    />
                    <Text className='markup-unit'>%</Text>
                  </View>
                ) : null}
                {form.kind === 'fixed' ? (
                  <View className='markup-line'>
                    <Text className='markup-label'>加价金额</Text>
                    <MoneyInput
                      className='markup-yuan'
                      value={form.yuan}
                      onChange={(yuan) => {
                        setForm({ ...form, yuan })
                        clear()
                      }}
                    />
                  </View>
                ) : null}
                <View className='markup-line'>
                  <Text className='markup-label'>取整到元</Text>
                  <Text className='markup-round-hint'>如 ¥83.70 → ¥84.00</Text>
                  <Switch className='markup-round' checked={form.roundUp} onChange={(roundUp) => setForm({ ...form, roundUp })} />
                </View>
              </View>
              {preview && typeof preview !== 'string' ? (
                <View className='wg-card markup-preview'>
                  <Text className='markup-preview-line'>
                    {sample ? `「${sample.name}」拿货价` : '例如拿货价'} {formatFen(purchase)} → 零售价{' '}
                    <Text className='markup-preview-price'>{formatFen(retailPriceOf(previewSpec, preview))}</Text>
                  </Text>
                  {retailShowsDefault(previewSpec, preview) ? <Text className='markup-floor-hint'>{RETAIL_FLOOR_HINT}</Text> : null}
                </View>
              ) : null}
              {error ? <Text className='markup-error'>{error}</Text> : null}
              <Button
                className='markup-save'
                type='primary'
                block
                loading={saving}
                disabled={saving}
                onClick={() => void submission.submit()}
              >
                保存
              </Button>
              {productId && current.product ? (
                <Button className='markup-reset' fill='none' block disabled={saving} onClick={() => void resetting.submit()}>
                  恢复默认加价
                </Button>
              ) : null}
            </>
          ) : null
        }
      </LoadGate>
    </PageShell>
  )
}
