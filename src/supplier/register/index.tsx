import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { route } from '@/domain/routes'
import type { RegisterSupplierInput } from '@/domain/supplier'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import SupplierProfileFields, { checkProfile, emptyProfile, useProfileDraft } from '@/components/SupplierProfileFields'
import { FormError } from '@/components/FormMessages'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import { useSession } from '@/session'
import './index.scss'

/** SPEC §6: forms keep drafts, so leaving the page does not lose what was typed. */
const DRAFT_KEY = 'wegong.draft.registerSupplier'

/** R1 allows one supplier account per user: this one has it already. */
function AlreadySupplierView({ name }: { name: string }) {
  return (
    <NoticeView
      className='register-done'
      title='你已经是供应商了'
      description={`供应商账号「${name}」已注册，每个微信号只能注册一个供应商。`}
      actionText='进入微供管理'
      onAction={() => void Taro.redirectTo({ url: route('supplier/home/index') })}
      backText='返回我的'
      onBack={() => void Taro.switchTab({ url: route('pages/mine/index') })}
    />
  )
}

/** R1: register a supplier account (one per user): name, contact number and main category. */
export default function RegisterSupplierPage() {
  const { state, refresh } = useSession()
  const { draft, change, forget } = useProfileDraft(DRAFT_KEY, emptyProfile)
  const keyFor = useSubmissionKey('sr')
  const {
    errors,
    formError,
    saving: submitting,
    submit,
    clear,
  } = useFormSubmit({
    check: () => checkProfile(draft),
    send: (input: RegisterSupplierInput) => callCloud('supplier', 'register', { ...input, idempotencyKey: keyFor(input) }),
    done: async () => {
      forget()
      await refresh()
      void Taro.showToast({ title: '注册成功', icon: 'success' })
      void Taro.redirectTo({ url: route('supplier/home/index') })
    },
    refused: (error) => {
      // Registered already (e.g. on another device): the session now shows the account.
      if (error.code === 'CONFLICT') void refresh()
    },
    leaves: true,
  })

  const form = (
    <>
      <View className='register-intro'>
        <Text className='register-title'>开通微供，建立你的私域批发渠道</Text>
        <Text className='register-subtitle'>商品只对绑定你的微商代理可见，不会出现在任何公开搜索中</Text>
      </View>

      <SupplierProfileFields
        draft={draft}
        errors={errors}
        onChange={(field, value) => {
          change(field, value)
          clear(field)
        }}
      />

      <FormError message={formError} />

      <Button className='register-submit' type='primary' block loading={submitting} disabled={submitting} onClick={() => void submit()}>
        提交注册
      </Button>
      <Text className='register-note'>注册后需由平台开通诚信通会员与基础买家保障，才能发布商品</Text>
    </>
  )

  return (
    <PageShell className='register-page'>
      <LoadGate state={state} onRetry={() => void refresh()}>
        {({ supplier }) => (supplier && !submitting ? <AlreadySupplierView name={supplier.name} /> : form)}
      </LoadGate>
    </PageShell>
  )
}
