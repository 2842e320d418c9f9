import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { SPECS_MAX } from '@/domain/product'
import type { ConfirmOptions } from '@/components/ConfirmDialog'
import { useFormSubmit, type SubmitSpec } from '@/hooks/useFormSubmit'
import { clearDraft, emptyDraft, emptySpec, saveDraft, type ProductDraft, type Restored, type SpecDraft } from './draft'
import type { PublishingForm } from './usePublishSubmit'

/** The fields of a spec an error key can name (`specs.<i>.<field>`). */
const specFields: ReadonlyArray<keyof SpecDraft> = ['name', 'images', 'price', 'tierPrices', 'retailPrice', 'stock']

/**
 * The form's state: the draft as typed (kept in storage at every change, SPEC §6), its errors, and
 * the spec images still uploading; `publish` says how it is sent (`usePublishSubmit`), through the
 * one form hook. Changing a field clears its own error; a save stops keeping the draft.
 */
export function useProductDraft<I, R>({
  storageKey,
  start,
  original,
  confirm,
  publish,
}: {
  storageKey: string
  start: () => { draft: ProductDraft; restored: Restored }
  /** The product as stored, when editing: what 放弃修改 goes back to. */
  original: (() => ProductDraft) | undefined
  confirm: (options: ConfirmOptions) => Promise<boolean>
  publish: (form: PublishingForm) => SubmitSpec<I, R>
}) {
  const [first] = useState(start)
  const [draft, setDraft] = useState<ProductDraft>(first.draft)
  const [restored, setRestored] = useState<Restored>(first.restored)
  const [busy, setBusy] = useState<Record<string, number>>({})
  const done = useRef(false)
  const uploading = Object.values(busy).some((n) => n > 0)
  const finish = () => {
    done.current = true
    clearDraft(storageKey)
  }
  const { errors, formError, saving, submit, report, clear, setErrors } = useFormSubmit(publish({ draft, uploading, finish }))

  // SPEC §6: every keystroke is kept, so leaving the page (or a crash) loses nothing.
  useEffect(() => {
    if (!done.current) saveDraft(storageKey, draft)
  }, [storageKey, draft])

  const update = (patch: Partial<ProductDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }))
    clear(...Object.keys(patch))
  }

  const changeSpec = useCallback(
    (specKey: string, change: (spec: SpecDraft) => SpecDraft) => {
      setDraft((prev) => {
        const index = prev.specs.findIndex((s) => s.key === specKey)
        if (index < 0) return prev
        const before = prev.specs[index]
        const after = change(before)
        // Whatever the user touched is no longer wrong.
        setErrors((errs) => {
          const touched = Object.keys(errs).filter((k) => {
            const m = /^specs\.(\d+)\.(\w+)(?:\.(.+))?$/.exec(k)
            if (!m || Number(m[1]) !== index) return false
            const field = specFields.find((f) => f === m[2])
            if (!field) return false
            if (field === 'tierPrices' && m[3]) return before.tierPrices[m[3]] !== after.tierPrices[m[3]]
            return before[field] !== after[field]
          })
          if (touched.length === 0 && !errs.specs) return errs
          const next = { ...errs }
          for (const k of touched) delete next[k]
          delete next.specs
          return next
        })
        const specs = [...prev.specs]
        specs[index] = after
        return { ...prev, specs }
      })
      clear()
    },
    [clear, setErrors],
  )

  const changeBusy = useCallback((specKey: string, count: number) => {
    setBusy((prev) => (prev[specKey] === count ? prev : { ...prev, [specKey]: count }))
  }, [])

  /** Adds a spec named `name` (may be empty); answers whether it was added. */
  const addSpec = (name: string): boolean => {
    if (draft.specs.length >= SPECS_MAX) {
      void Taro.showToast({ title: `最多 ${SPECS_MAX} 个规格`, icon: 'none' })
      return false
    }
    if (name && draft.specs.some((s) => s.name.trim() === name)) {
      void Taro.showToast({ title: '规格名称不能重复', icon: 'none' })
      return false
    }
    setDraft((prev) => ({ ...prev, specs: [...prev.specs, emptySpec(name)] }))
    clear('specs')
    return true
  }

  const removeSpec = async (specKey: string) => {
    const spec = draft.specs.find((s) => s.key === specKey)
    if (!spec) return
    const filled = spec.images.length > 0 || spec.price !== '' || spec.stock !== '' || spec.retailPrice !== ''
    if (filled) {
      const ok = await confirm({
        title: '删除规格',
        content: `删除规格「${spec.name || '未命名'}」？已填写的价格和图片将一并删除。`,
        confirmText: '删除',
        danger: true,
      })
      if (!ok) return
    }
    // Errors are keyed by position, so they no longer line up: drop the spec ones.
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('specs'))))
    setDraft((prev) => ({ ...prev, specs: prev.specs.filter((s) => s.key !== specKey) }))
    setBusy((prev) => {
      const next = { ...prev }
      delete next[specKey]
      return next
    })
  }

  /** 放弃修改 / 清空重填: back to the stored product, or to an empty draft in the same category. */
  const startOver = async () => {
    const ok = await confirm(
      original
        ? { title: '放弃修改', content: '放弃未保存的修改，恢复为商品当前的内容？', confirmText: '放弃修改', danger: true }
        : { title: '清空草稿', content: '清空上次未发布的内容，重新填写？', confirmText: '清空', danger: true },
    )
    if (!ok) return
    setDraft(original ? original() : { ...emptyDraft(draft.category), shippingTemplateId: draft.shippingTemplateId })
    report({})
    setRestored(null)
  }

  return {
    draft,
    restored,
    errors,
    formError,
    saving,
    submit,
    update,
    changeSpec,
    changeBusy,
    addSpec,
    removeSpec,
    startOver,
  }
}
