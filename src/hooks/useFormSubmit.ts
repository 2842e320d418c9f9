import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { messagesByField, type AppError, type Issue } from '@/domain/app-error'
import { toAppError } from '@/api/cloud'

/** What is wrong with a form, by field key (a dotted issue path unless the form names its own). */
export type FieldErrors = Record<string, string>

/**
 * A form's own check before sending: the input as the server will take it, or what is wrong; or
 * `hold`, not yet for a reason that is no fault of the form (images still uploading): said in a
 * toast, the form's messages as they are.
 */
export type Checked<I> = { ok: true; input: I } | { ok: false; errors: FieldErrors; message?: string } | { ok: false; hold: string }

export interface SubmitSpec<I, R, G = void> {
  /**
   * The phone's check, with the server's own schema (`checkWith`) where there is one; `given` is
   * what `submit` was called with, for a page whose actions each send their own change.
   */
  check: (given: G) => Checked<I>
  send: (input: I) => Promise<R>
  /** Shown when the save is done (a success toast). */
  toast?: string
  /** After the save and its toast: the next page, the session, the list… */
  done?: (result: R, input: I) => unknown
  /** Also sees a refusal before the form shows it (e.g. CONFLICT: the session changed). */
  refused?: (error: AppError) => void
  /** An issue path → the form's field key (default: the dotted path). */
  fieldOf?: (path: Issue['path']) => string
  /** Fields now show messages (the check's or a refusal's): e.g. scroll to the first. */
  marked?: () => void
  /** The page leaves after a save: the button stays busy until it has. */
  leaves?: boolean
  /** A refusal that names fields also says its message above the button (else the fields say it). */
  alwaysSay?: boolean
}

/**
 * The one way a form is sent (SPEC §6): the phone's check first (its messages under the fields),
 * then the call while the button is busy, a success toast, and a refusal mapped onto the fields
 * it names or said above the button. What was typed always stays.
 */
export function useFormSubmit<I, R, G = void>(spec: SubmitSpec<I, R, G>) {
  const [saving, setSaving] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState('')

  /** Shows what is wrong: per field, and for the whole form. */
  const report = useCallback((byField: FieldErrors, message = '') => {
    setErrors(byField)
    setFormError(message)
  }, [])

  /** The user changed these fields: their messages and the form's go. */
  const clear = useCallback((...keys: string[]) => {
    setFormError('')
    setErrors((prev) => {
      if (!keys.some((key) => key in prev)) return prev
      const next = { ...prev }
      for (const key of keys) delete next[key]
      return next
    })
  }, [])

  const submit = async (given: G): Promise<boolean> => {
    if (saving) return false
    const checked = spec.check(given)
    if (!checked.ok) {
      if ('hold' in checked) void Taro.showToast({ title: checked.hold, icon: 'none' })
      else {
        report(checked.errors, checked.message)
        if (Object.keys(checked.errors).length > 0) spec.marked?.()
      }
      return false
    }
    report({})
    setSaving(true)
    try {
      const result = await spec.send(checked.input)
      if (spec.toast) void Taro.showToast({ title: spec.toast, icon: 'success' })
      await spec.done?.(result, checked.input)
      if (!spec.leaves) setSaving(false)
      return true
    } catch (e) {
      const error = toAppError(e)
      spec.refused?.(error)
      const byField = error.issues ? messagesByField(error.issues, spec.fieldOf) : {}
      const named = Object.keys(byField).length > 0
      report(byField, spec.alwaysSay || !named ? error.message : '')
      setSaving(false)
      if (named) spec.marked?.()
      return false
    }
  }

  return { saving, errors, formError, submit, report, clear, setErrors }
}
