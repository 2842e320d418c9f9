import { route } from '@/domain/routes'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { checkWith } from '@/domain/errors'
import { fenToYuanText } from '@/domain/money'
import { ShippingInputSchema, type Shipping, type ShippingInput } from '@/domain/shipping'
import { callCloud } from '@/api/cloud'
import { MONEY_FORMAT_ERROR, moneyText, typedFen } from '@/components/MoneyInput'
import { useFormSubmit, type Checked, type FieldErrors } from '@/hooks/useFormSubmit'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'

export interface RegionDraft {
  key: number
  provinces: string[]
  firstFee: string
  additionalFee: string
}

export interface TemplateDraft {
  name: string
  firstFee: string
  additionalFee: string
  regions: RegionDraft[]
  freeShipping: boolean
  freeOver: string
}

let regionSeed = 0

export const newRegion = (): RegionDraft => ({ key: ++regionSeed, provinces: [], firstFee: '', additionalFee: '' })

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
function fee(text: string, key: string, label: string, errors: FieldErrors): number {
  const fen = typedFen(text)
  if (fen === undefined) errors[key] = `请填写${label}（包邮填 0）`
  else if (fen === null) errors[key] = MONEY_FORMAT_ERROR
  return fen ?? Number.NaN
}

/** The draft as `shipping.save` takes it (the server's schema), or what is wrong with each field. */
export function checkTemplate(draft: TemplateDraft, id: string | undefined): Checked<ShippingInput> {
  const typed: FieldErrors = {}
  const input = {
    ...(id ? { id } : {}),
    name: draft.name,
    firstFee: fee(draft.firstFee, 'firstFee', '首件运费', typed),
    additionalFee: fee(draft.additionalFee, 'additionalFee', '续件运费', typed),
    regions: draft.regions.map((r, i) => ({
      provinces: r.provinces,
      firstFee: fee(r.firstFee, `regions.${i}.firstFee`, '首件运费', typed),
      additionalFee: fee(r.additionalFee, `regions.${i}.additionalFee`, '续件运费', typed),
    })),
    ...(draft.freeShipping ? { freeOver: typedFen(draft.freeOver) ?? Number.NaN } : {}),
  }
  if (draft.freeShipping) {
    const over = typedFen(draft.freeOver)
    if (over === undefined) typed.freeOver = '请填写包邮金额'
    else if (over === null) typed.freeOver = MONEY_FORMAT_ERROR
  }
  const checked = checkWith(ShippingInputSchema, input)
  const errors = { ...(checked.ok ? {} : checked.errors), ...typed }
  return checked.ok && Object.keys(errors).length === 0 ? checked : { ok: false, errors, message: '请检查标红的内容' }
}

function leave() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: route('supplier/shipping/index') })
}

/** 新建 / 编辑运费模板's data (R7): the draft, its edits, and saving it. */
export function useTemplateDraft(id: string | undefined, template: Shipping | undefined) {
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template))
  const keyFor = useSubmissionKey('st')
  const form = useFormSubmit({
    check: () => checkTemplate(draft, id),
    // A new template carries the submission's key; an edit is idempotent by itself.
    send: (input: ShippingInput) => callCloud('shipping', 'save', id ? input : { ...input, idempotencyKey: keyFor(input) }),
    toast: id ? '已保存' : '已创建',
    done: () => setTimeout(leave, 700),
    leaves: true,
    alwaysSay: true,
  })
  const { clear, setErrors } = form

  /** Changes fields; their messages (and those of `keys`) go. */
  const change = (patch: Partial<TemplateDraft>, ...keys: string[]) => {
    setDraft((prev) => ({ ...prev, ...patch }))
    clear(...Object.keys(patch), ...keys)
  }

  const changeRegion = (key: number, patch: Partial<RegionDraft>) => {
    const index = draft.regions.findIndex((r) => r.key === key)
    change(
      { regions: draft.regions.map((r) => (r.key === key ? { ...r, ...patch } : r)) },
      ...Object.keys(patch).map((field) => `regions.${index}.${field}`),
    )
  }

  const addRegion = () => change({ regions: [...draft.regions, newRegion()] })

  /** The regions after it move up one place, so their messages would point at the wrong one: all go. */
  const removeRegion = (key: number) => {
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('regions'))))
    setDraft((prev) => ({ ...prev, regions: prev.regions.filter((r) => r.key !== key) }))
  }

  return { draft, change, changeRegion, addRegion, removeRegion, ...form }
}
