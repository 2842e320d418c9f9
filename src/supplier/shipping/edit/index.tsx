import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Popup, Switch } from '@nutui/nutui-react-taro'
import { issuesOf, messagesByField } from '@/domain/errors'
import { provinces, ShippingInputSchema, type Shipping } from '@/domain/shipping'
import { callCloud, toAppError } from '@/api/cloud'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import PageShell from '@/components/PageShell'
import { FieldError, FormError } from '@/components/FormMessages'
import LoadGate from '@/components/LoadGate'
import { ErrorView } from '@/components/StatusView'
import { fenToYuanText } from '@/domain/money'
import { route } from '@/domain/routes'
import MoneyInput, { MONEY_FORMAT_ERROR, moneyText, typedFen } from '@/components/MoneyInput'
import { useConfirm } from '@/components/ConfirmDialog'
import { useLoader } from '@/hooks/useLoader'
import './index.scss'

interface RegionDraft {
  key: number
  provinces: string[]
  firstFee: string
  additionalFee: string
}

interface TemplateDraft {
  name: string
  firstFee: string
  additionalFee: string
  regions: RegionDraft[]
  freeShipping: boolean
  freeOver: string
}

type Errors = Record<string, string>

let regionSeed = 0

function draftOf(template: Shipping | undefined): TemplateDraft {
  if (!template) return { name: '', firstFee: '', additionalFee: '', regions: [], freeShipping: false, freeOver: '' }
  return {
    name: template.name,
    firstFee: fenToYuanText(template.firstFee),
    additionalFee: fenToYuanText(template.additionalFee),
    regions: (template.regions ?? []).map((r) => ({
      key: ++regionSeed,
      provinces: [...r.provinces],
      firstFee: fenToYuanText(r.firstFee),
      additionalFee: fenToYuanText(r.additionalFee),
    })),
    freeShipping: template.freeOver !== undefined,
    freeOver: moneyText(template.freeOver),
  }
}

/** Fee text → fen; empty is an error of its own ('请填写…'), so 0 must be typed for 包邮. */
function fee(text: string, key: string, label: string, errors: Errors): number {
  const fen = typedFen(text)
  if (fen === undefined) errors[key] = `请填写${label}（包邮填 0）`
  else if (fen === null) errors[key] = MONEY_FORMAT_ERROR
  return fen ?? Number.NaN
}

/** 新建 / 编辑运费模板 (R7): first-piece and additional-piece fees, per-province overrides, free shipping. */
export default function ShippingEditPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  const { state, reload } = useLoader(async () =>
    id ? ((await callCloud('shipping', 'list', {})).items.find((t) => t._id === id) ?? null) : null,
  )
  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑运费模板' : '新建运费模板' })
  }, [id])

  return (
    <PageShell className='shipping-edit-page'>
      <LoadGate state={state} onRetry={() => void reload()}>
        {(template) =>
          id && !template ? (
            <ErrorView message='运费模板不存在或已被删除' onRetry={() => void reload()} />
          ) : (
            <TemplateForm id={id} template={template ?? undefined} />
          )
        }
      </LoadGate>
    </PageShell>
  )
}

function TemplateForm({ id, template }: { id: string | undefined; template: Shipping | undefined }) {
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template))
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  const keyFor = useSubmissionKey('st')
  const [picking, setPicking] = useState<{ key: number; chosen: string[] } | null>(null)
  const { confirm, dialog } = useConfirm()

  const change = (patch: Partial<TemplateDraft>, ...keys: string[]) => {
    setDraft((prev) => ({ ...prev, ...patch }))
    setFormError('')
    setErrors((prev) => {
      const next = { ...prev }
      for (const k of [...Object.keys(patch), ...keys]) delete next[k]
      return next
    })
  }

  const changeRegion = (key: number, patch: Partial<RegionDraft>) => {
    const index = draft.regions.findIndex((r) => r.key === key)
    change(
      { regions: draft.regions.map((r) => (r.key === key ? { ...r, ...patch } : r)) },
      ...Object.keys(patch).map((field) => `regions.${index}.${field}`),
    )
  }

  const removeRegion = async (region: RegionDraft) => {
    if (region.provinces.length > 0) {
      const ok = await confirm({
        title: '删除指定地区运费',
        content: `删除「${region.provinces.join('、')}」的运费设置？`,
        confirmText: '删除',
        danger: true,
      })
      if (!ok) return
    }
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('regions'))))
    setDraft((prev) => ({ ...prev, regions: prev.regions.filter((r) => r.key !== region.key) }))
  }

  const takenElsewhere = (key: number) => new Set(draft.regions.filter((r) => r.key !== key).flatMap((r) => r.provinces))

  const save = async () => {
    const local: Errors = {}
    const input = {
      ...(id ? { id } : {}),
      name: draft.name,
      firstFee: fee(draft.firstFee, 'firstFee', '首件运费', local),
      additionalFee: fee(draft.additionalFee, 'additionalFee', '续件运费', local),
      regions: draft.regions.map((r, i) => ({
        provinces: r.provinces,
        firstFee: fee(r.firstFee, `regions.${i}.firstFee`, '首件运费', local),
        additionalFee: fee(r.additionalFee, `regions.${i}.additionalFee`, '续件运费', local),
      })),
      ...(draft.freeShipping ? { freeOver: typedFen(draft.freeOver) ?? Number.NaN } : {}),
    }
    if (draft.freeShipping) {
      const over = typedFen(draft.freeOver)
      if (over === undefined) local.freeOver = '请填写包邮金额'
      else if (over === null) local.freeOver = MONEY_FORMAT_ERROR
    }
    const parsed = ShippingInputSchema.safeParse(input)
    const found = { ...(parsed.success ? {} : messagesByField(issuesOf(parsed.error))), ...local }
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found)
      setFormError('请检查标红的内容')
      return
    }
    setSaving(true)
    try {
      // A new template carries the submission's key; an edit is idempotent by itself.
      await callCloud('shipping', 'save', id ? parsed.data : { ...parsed.data, idempotencyKey: keyFor(parsed.data) })
      void Taro.showToast({ title: id ? '已保存' : '已创建', icon: 'success' })
      setTimeout(() => {
        if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
        else void Taro.redirectTo({ url: route('supplier/shipping/index') })
      }, 700)
    } catch (e) {
      const error = toAppError(e)
      setErrors(error.issues ? messagesByField(error.issues) : {})
      setFormError(error.message)
      setSaving(false)
    }
  }

  const line = (key: string, label: string, input: JSX.Element) => (
    <View className={`edit-line edit-${key.replace(/\./g, '-')}${errors[key] ? ' field-invalid' : ''}`}>
      <View className='edit-line-row'>
        <Text className='edit-label'>{label}</Text>
        {input}
      </View>
      <FieldError message={errors[key]} />
    </View>
  )

  return (
    <>
      <View className='wg-card'>
        {line(
          'name',
          '模板名称',
          <Input
            className='edit-input edit-name-input'
            value={draft.name}
            placeholder='如：微供包邮模板'
            clearable
            onChange={(name) => change({ name })}
          />,
        )}
        {line(
          'firstFee',
          '首件运费',
          <MoneyInput value={draft.firstFee} invalid={Boolean(errors.firstFee)} onChange={(firstFee) => change({ firstFee })} />,
        )}
        {line(
          'additionalFee',
          '续件运费',
          <MoneyInput
            value={draft.additionalFee}
            placeholder='每多一件加收'
            invalid={Boolean(errors.additionalFee)}
            onChange={(additionalFee) => change({ additionalFee })}
          />,
        )}
      </View>

      <View className='wg-card regions-card'>
        <View className='regions-head'>
          <Text className='wg-card-title'>指定地区运费</Text>
          <Text className='wg-muted'>选填，偏远地区可单独设置</Text>
        </View>
        {draft.regions.map((region, index) => (
          <View key={region.key} className={`region region-${index}`}>
            <View className='region-head'>
              <Text className='region-title'>地区 {index + 1}</Text>
              <Text className='region-remove' onClick={() => void removeRegion(region)}>
                删除
              </Text>
            </View>
            <View
              className={`region-provinces${errors[`regions.${index}.provinces`] ? ' field-invalid' : ''}`}
              onClick={() => setPicking({ key: region.key, chosen: [...region.provinces] })}
            >
              <Text className={region.provinces.length > 0 ? 'region-provinces-text' : 'region-provinces-text placeholder'}>
                {region.provinces.length > 0 ? region.provinces.join('、') : '选择省份'}
              </Text>
              <View className='chevron' />
            </View>
            <FieldError message={errors[`regions.${index}.provinces`]} />
            {line(
              `regions.${index}.firstFee`,
              '首件运费',
              <MoneyInput
                value={region.firstFee}
                invalid={Boolean(errors[`regions.${index}.firstFee`])}
                onChange={(firstFee) => changeRegion(region.key, { firstFee })}
              />,
            )}
            {line(
              `regions.${index}.additionalFee`,
              '续件运费',
              <MoneyInput
                value={region.additionalFee}
                invalid={Boolean(errors[`regions.${index}.additionalFee`])}
                onChange={(additionalFee) => changeRegion(region.key, { additionalFee })}
              />,
            )}
          </View>
        ))}
        <Button
          className='region-add'
          fill='dashed'
          block
          onClick={() => change({ regions: [...draft.regions, { key: ++regionSeed, provinces: [], firstFee: '', additionalFee: '' }] })}
        >
          ＋ 添加指定地区
        </Button>
      </View>

      <View className='wg-card'>
        <View className='free-row'>
          <View>
            <Text className='free-title'>满额包邮</Text>
            <Text className='free-hint'>订单商品金额达到后免运费</Text>
          </View>
          <Switch className='free-switch' checked={draft.freeShipping} onChange={(freeShipping) => change({ freeShipping }, 'freeOver')} />
        </View>
        {draft.freeShipping
          ? line(
              'freeOver',
              '满多少包邮',
              <MoneyInput
                value={draft.freeOver}
                placeholder='如 99'
                invalid={Boolean(errors.freeOver)}
                onChange={(freeOver) => change({ freeOver })}
              />,
            )
          : null}
      </View>

      <FormError message={formError} />

      <Button className='shipping-save' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>

      <Popup
        className='province-popup'
        visible={picking !== null}
        position='bottom'
        round
        closeable
        title='选择省份'
        onClose={() => setPicking(null)}
      >
        {picking ? (
          <View className='province-body'>
            <View className='province-grid'>
              {provinces.map((province) => {
                const taken = takenElsewhere(picking.key).has(province)
                const on = picking.chosen.includes(province)
                return (
                  <View
                    key={province}
                    className={`province-chip${on ? ' province-chip-active' : ''}${taken ? ' province-chip-taken' : ''}`}
                    onClick={() => {
                      if (taken) {
                        void Taro.showToast({ title: `${province}已在其他地区设置`, icon: 'none' })
                        return
                      }
                      setPicking({ ...picking, chosen: on ? picking.chosen.filter((p) => p !== province) : [...picking.chosen, province] })
                    }}
                  >
                    {province}
                  </View>
                )
              })}
            </View>
            <Button
              className='province-confirm'
              type='primary'
              block
              onClick={() => {
                // Keep the list order of provinces, whatever order they were tapped in.
                const chosen = provinces.filter((p) => picking.chosen.includes(p))
                changeRegion(picking.key, { provinces: chosen })
                setPicking(null)
              }}
            >
              确定（已选 {picking.chosen.length}）
            </Button>
          </View>
        ) : null}
      </Popup>
      {dialog}
    </>
  )
}
