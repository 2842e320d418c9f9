import Taro from '@tarojs/taro'
import type { Product } from '@/domain/product'
import type { Tier } from '@/domain/supplier'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import type { Checked, SubmitSpec } from '@/hooks/useFormSubmit'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import { checkDraft, pathKey, type CheckResult, type ProductDraft } from './draft'

/** What 发布 / 保存修改 sends: a new product or an edit, as `checkDraft` made it. */
export type PublishInput = Extract<CheckResult, { ok: true }>

/** The form as the submit sees it when it is pressed. */
export interface PublishingForm {
  draft: ProductDraft
  uploading: boolean
  /** Stops keeping the draft: it is published or saved. */
  finish: () => void
}

function scrollToFirstError() {
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: '.field-invalid', duration: 200, offsetTop: -120 }).catch(() => undefined)
  }, 50)
}

/** The phone's check of 发布 / 保存修改, in the order the user hears it: the fields, the uploads, the agreement. */
function checkPublish({ draft, uploading }: PublishingForm, tiers: readonly Tier[], productId: string | undefined): Checked<PublishInput> {
  const checked = checkDraft(draft, tiers, productId)
  if (!checked.ok)
    return { ok: false, errors: checked.errors, message: `有 ${Object.keys(checked.errors).length} 处需要修改，请查看标红的内容` }
  if (uploading) return { ok: false, hold: '图片上传中，请稍候' }
  if (!draft.agreed) return { ok: false, errors: { agreed: '请先阅读并同意协议条款' } }
  return { ok: true, input: checked }
}

/** A saved edit goes back to where it came from (or the product list when opened on its own). */
function leaveAfterSave() {
  setTimeout(() => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: route('supplier/products/index') })
  }, 800)
}

/**
 * 发布 / 保存修改 as `useFormSubmit` sends it: the draft is checked on the phone with the server's own
 * schema first; nothing is sent while images upload or before the agreement is ticked. A new product
 * opens 发布成功; a saved edit goes back. A refusal shows its messages where they belong, always with
 * the banner above the button, and keeps what was typed (SPEC §6).
 */
export function usePublishSubmit(tiers: readonly Tier[], productId: string | undefined) {
  const keyFor = useSubmissionKey('pc')
  return (form: PublishingForm): SubmitSpec<PublishInput, Product> => ({
    check: () => checkPublish(form, tiers, productId),
    send: (checked) =>
      checked.kind === 'create'
        ? callCloud('product', 'create', { ...checked.input, idempotencyKey: keyFor(checked.input) })
        : callCloud('product', 'update', checked.input),
    toast: productId ? '已保存修改' : undefined,
    done: (product, checked) => {
      form.finish()
      if (checked.kind === 'create') void Taro.redirectTo({ url: route('supplier/publish/success/index', { id: product._id }) })
      else leaveAfterSave()
    },
    fieldOf: pathKey,
    marked: scrollToFirstError,
    leaves: true,
    alwaysSay: true,
  })
}
