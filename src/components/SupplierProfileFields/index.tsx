import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { checkWith } from '@/domain/errors'
import { RegisterSupplierInput } from '@/domain/supplier'
import CategoryPopup from '@/components/CategoryPopup'
import FieldRow, { linesOf } from '@/components/FieldRow'
import TextRow from '@/components/FieldRow/TextRow'
import type { Checked } from '@/hooks/useFormSubmit'
import './index.scss'

type Field = 'name' | 'contact' | 'mainCategory'
/** What a supplier's profile form holds: the fields `supplier.register` and `supplier.updateProfile` take. */
export type ProfileDraft = Record<Field, string>
export type ProfileErrors = Partial<Record<Field, string>>

export const emptyProfile: ProfileDraft = { name: '', contact: '', mainCategory: '' }
const fields = Object.keys(emptyProfile) as Field[]

/** The profile as the server will take it (same schema), or what is wrong with each field. */
export function checkProfile(draft: ProfileDraft): Checked<RegisterSupplierInput> {
  const checked = checkWith(RegisterSupplierInput, draft)
  if (checked.ok) return checked
  // Nothing picked yet is a different thing from a closed category.
  return { ok: false, errors: draft.mainCategory ? checked.errors : { ...checked.errors, mainCategory: '请选择主营类目' } }
}

function readDraft(storageKey: string): ProfileDraft | null {
  try {
    const saved: unknown = Taro.getStorageSync(storageKey)
    if (saved && typeof saved === 'object') return { ...emptyProfile, ...(saved as Partial<ProfileDraft>) }
  } catch {
    // No storage: nothing kept.
  }
  return null
}

/**
 * The form's fields, kept in storage as they are typed (SPEC §6: forms keep drafts, so leaving the
 * page or a failed save never loses what was typed). `start` is used when no draft is kept.
 */
export function useProfileDraft(storageKey: string, start: ProfileDraft) {
  const [kept] = useState(() => readDraft(storageKey))
  const [draft, setDraft] = useState<ProfileDraft>(kept ?? start)
  // Whether the form opened on a kept draft that differs from `start` (the page may offer to drop it).
  const [restored, setRestored] = useState(() => kept !== null && fields.some((field) => kept[field] !== start[field]))

  const change = (field: Field, value: string) => {
    const next = { ...draft, [field]: value }
    setDraft(next)
    try {
      Taro.setStorageSync(storageKey, next)
    } catch {
      // Drafts are a convenience; the form works without them.
    }
  }

  const forget = () => {
    try {
      Taro.removeStorageSync(storageKey)
    } catch {
      // Nothing to clean up.
    }
  }

  /** Drops the kept draft and shows `start` again. */
  const reset = () => {
    forget()
    setDraft(start)
    setRestored(false)
  }

  return { draft, change, forget, reset, restored }
}

/** 供应商名称, 联系电话 and 主营类目 (R1, R3) on one card: registering and editing the profile share them. */
export default function SupplierProfileFields({
  draft,
  errors,
  onChange,
}: {
  draft: ProfileDraft
  errors: ProfileErrors
  onChange: (field: Field, value: string) => void
}) {
  const [picking, setPicking] = useState(false)
  const line = linesOf(draft, errors, onChange)
  return (
    <>
      <View className='wg-card profile-fields'>
        <TextRow {...line('name')} label='供应商名称' inputClass='field-input' placeholder='如：广州小美服饰' />
        <TextRow {...line('contact')} label='联系电话' inputClass='field-input' type='tel' placeholder='手机号或座机号' />

        <FieldRow name='category' label='主营类目' error={errors.mainCategory} onClick={() => setPicking(true)}>
          <Text className={`field-value${draft.mainCategory ? '' : ' field-placeholder'}`}>{draft.mainCategory || '请选择主营类目'}</Text>
          <View className='chevron' />
        </FieldRow>
      </View>

      <CategoryPopup
        visible={picking}
        title='选择主营类目'
        value={draft.mainCategory}
        onChoose={(name) => onChange('mainCategory', name)}
        onClose={() => setPicking(false)}
      />
    </>
  )
}
