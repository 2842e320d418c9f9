import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { checkWith } from '@/domain/errors'
import { ReturnAddressSchema, type ReturnAddress } from '@/domain/supplier-profile'
import { linesOf } from '@/components/FieldRow'
import TextRow from '@/components/FieldRow/TextRow'
import type { FieldErrors } from '@/hooks/useFormSubmit'

type Field = keyof ReturnAddress
export type AddressDraft = Record<Field, string>

const emptyAddress: AddressDraft = { name: '', phone: '', region: '', detail: '' }

/** The return address as the server takes it: null when every line is empty (none set), else checked whole. */
export function checkAddress(draft: AddressDraft): { ok: true; input: ReturnAddress | null } | { ok: false; errors: FieldErrors } {
  if (Object.values(draft).every((value) => value.trim() === '')) return { ok: true, input: null }
  return checkWith(ReturnAddressSchema, draft, (path) => ['returnAddress', ...path].join('.'))
}

/** The address lines, kept in storage as they are typed (SPEC §6), like the rest of the profile. */
export function useAddressDraft(storageKey: string, stored: ReturnAddress | null) {
  const start = stored ?? emptyAddress
  const [draft, setDraft] = useState<AddressDraft>(() => {
    try {
      const kept: unknown = Taro.getStorageSync(storageKey)
      if (kept && typeof kept === 'object') return { ...start, ...(kept as Partial<AddressDraft>) }
    } catch {
      // No storage: nothing kept.
    }
    return start
  })
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
  const reset = () => {
    forget()
    setDraft(start)
  }
  return { draft, change, forget, reset }
}

/** 退货地址 (R19): where agents send back the goods of a return the supplier agreed; no one else sees it. */
export default function ReturnAddressCard({
  draft,
  errors,
  onChange,
}: {
  draft: AddressDraft
  errors: FieldErrors
  onChange: (field: Field, value: string) => void
}) {
  const line = linesOf(draft, errors, onChange, 'returnAddress.')
  return (
    <>
      <Text className='return-address-title'>退货地址</Text>
      <View className='wg-card profile-fields return-address'>
        <TextRow {...line('name')} label='收件人' inputClass='field-input' placeholder='退货收件人姓名' />
        <TextRow {...line('phone')} label='联系电话' inputClass='field-input' type='tel' placeholder='手机号或座机号' />
        <TextRow {...line('region')} label='所在地区' inputClass='field-input' placeholder='如：广东省 广州市 白云区' />
        <TextRow {...line('detail')} label='详细地址' inputClass='field-input' placeholder='街道、门牌号' />
      </View>
      <Text className='profile-note'>仅你自己可见；同意代理的退货退款时，告诉该代理寄回到这里</Text>
    </>
  )
}
