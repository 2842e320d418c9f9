import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { route } from '@/domain/routes'
import type { OwnSupplier, UpdateSupplierProfileInput } from '@/domain/supplier-profile'
import { callCloud } from '@/api/cloud'
import SupplierProfileFields, { checkProfile, useProfileDraft } from '@/components/SupplierProfileFields'
import { FormError } from '@/components/FormMessages'
import DraftBanner from '@/components/DraftBanner'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NotSupplierView } from '@/components/StatusView'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import ReturnAddressCard, { checkAddress, useAddressDraft } from './ReturnAddressCard'
import './index.scss'

function backHome() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: route('supplier/home/index') })
}

/** The stored profile in the form, or the unsaved edit kept from last time (SPEC §6: forms keep drafts). */
function ProfileForm({ supplier }: { supplier: OwnSupplier }) {
  const { refresh } = useSession()
  const { draft, change, forget, reset, restored } = useProfileDraft(`wegong.draft.supplierProfile.${supplier._id}`, {
    name: supplier.name,
    contact: supplier.contact,
    mainCategory: supplier.mainCategory,
  })
  const address = useAddressDraft(`wegong.draft.returnAddress.${supplier._id}`, supplier.returnAddress)
  // What was typed stays in the form (and in its kept draft) to correct or save again.
  const { errors, formError, saving, submit, clear, report } = useFormSubmit({
    check: () => {
      const profile = checkProfile(draft)
      const returnAddress = checkAddress(address.draft)
      if (profile.ok && returnAddress.ok) return { ok: true, input: { ...profile.input, returnAddress: returnAddress.input } }
      return { ok: false, errors: { ...('errors' in profile ? profile.errors : {}), ...(returnAddress.ok ? {} : returnAddress.errors) } }
    },
    // The whole profile: saving it again changes nothing, so no key is needed.
    send: (input: UpdateSupplierProfileInput) => callCloud('supplier', 'updateProfile', input),
    toast: '已保存',
    done: () => {
      forget()
      address.forget()
      // 我的 shows the supplier's name from the session.
      void refresh()
      setTimeout(backHome, 700)
    },
    leaves: true,
  })

  return (
    <>
      {restored ? (
        <DraftBanner
          text='已恢复上次未保存的修改'
          action='放弃修改'
          onAction={() => {
            reset()
            address.reset()
            report({})
          }}
        />
      ) : null}
      <SupplierProfileFields
        draft={draft}
        errors={errors}
        onChange={(field, value) => {
          change(field, value)
          clear(field)
        }}
      />
      <Text className='profile-note'>修改后，合作微商的首页从下一次刷新起显示新的名称和类目</Text>

      <ReturnAddressCard
        draft={address.draft}
        errors={errors}
        onChange={(field, value) => {
          address.change(field, value)
          clear(`returnAddress.${field}`)
        }}
      />

      <FormError message={formError} />

      <Button className='profile-save' type='primary' block loading={saving} disabled={saving} onClick={() => void submit()}>
        {saving ? '保存中' : '保存'}
      </Button>
    </>
  )
}

/** 店铺资料: the supplier renames its shop, changes its contact number or main category (R1, R3), or its return address (R19). */
export default function SupplierProfilePage() {
  const { state, reload } = useLoader(() => callCloud('supplier', 'me', {}), {})

  return (
    <PageShell className='supplier-profile'>
      <LoadGate state={state} onRetry={() => void reload()}>
        {({ supplier }) =>
          supplier ? <ProfileForm supplier={supplier} /> : <NotSupplierView description='注册供应商账号后，才能编辑店铺资料' />
        }
      </LoadGate>
    </PageShell>
  )
}
