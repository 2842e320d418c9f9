import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { Tier } from '@/domain/supplier'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import { checkDraft, errorsFrom } from './draft'
import type { ProductDraftForm } from './useProductDraft'

function scrollToFirstError() {
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: '.field-invalid', duration: 200, offsetTop: -120 }).catch(() => undefined)
  }, 50)
}

/**
 * 发布 / 保存修改: the draft is checked on the phone with the server's own schema first; nothing is
 * sent while images upload or before the agreement is ticked. A new product opens 发布成功; a saved
 * edit goes back. A refusal shows its messages where they belong and keeps what was typed (SPEC §6).
 */
export function usePublishSubmit(form: ProductDraftForm, tiers: readonly Tier[], productId: string | undefined) {
  const [submitting, setSubmitting] = useState(false)
  const keyFor = useSubmissionKey('pc')

  const submit = async () => {
    const { draft } = form
    const checked = checkDraft(draft, tiers, productId)
    if (!checked.ok) {
      form.report(checked.errors, `有 ${Object.keys(checked.errors).length} 处需要修改，请查看标红的内容`)
      scrollToFirstError()
      return
    }
    if (form.uploading) {
      void Taro.showToast({ title: '图片上传中，请稍候', icon: 'none' })
      return
    }
    if (!draft.agreed) {
      form.report({ agreed: '请先阅读并同意协议条款' })
      return
    }
    form.report({}, '')
    setSubmitting(true)
    try {
      const product =
        checked.kind === 'create'
          ? await callCloud('product', 'create', { ...checked.input, idempotencyKey: keyFor(checked.input) })
          : await callCloud('product', 'update', checked.input)
      form.finish()
      if (checked.kind === 'create') {
        void Taro.redirectTo({ url: route('supplier/publish/success/index', { id: product._id }) })
      } else {
        void Taro.showToast({ title: '已保存修改', icon: 'success' })
        setTimeout(() => {
          if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
          else void Taro.redirectTo({ url: route('supplier/products/index') })
        }, 800)
      }
    } catch (e) {
      const error = toAppError(e)
      const byField = error.issues ? errorsFrom(error.issues) : {}
      form.report(byField, error.message)
      setSubmitting(false)
      if (Object.keys(byField).length > 0) scrollToFirstError()
    }
  }

  return { submitting, submit }
}
