import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { issuesOf, messagesByField } from '@/domain/errors'
import { RegisterSupplierInput } from '@/domain/supplier'
import { callCloud, toAppError } from '@/api/cloud'
import { useSubmissionKey } from '@/hooks/useSubmissionKey'
import CategoryPopup from '@/components/CategoryPopup'
import { FieldError, FormError } from '@/components/FormMessages'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import { useSession } from '@/session'
import './index.scss'

type Field = 'name' | 'contact' | 'mainCategory'
type Draft = Record<Field, string>
type FieldErrors = Partial<Record<Field, string>>

/** SPEC §6: forms keep drafts, so leaving the page does not lose what was typed. */
const DRAFT_KEY = 'wegong.draft.registerSupplier'
const emptyDraft: Draft = { name: '', contact: '', mainCategory: '' }

function loadDraft(): Draft {
  try {
    const saved: unknown = Taro.getStorageSync(DRAFT_KEY)
    if (saved && typeof saved === 'object') return { ...emptyDraft, ...(saved as Partial<Draft>) }
  } catch {
    // No storage: start empty.
  }
  return emptyDraft
}

/** R1 allows one supplier account per user: this one has it already. */
function AlreadySupplierView({ name }: { name: string }) {
  return (
    <NoticeView
      className='register-done'
      title='你已经是供应商了'
      description={`供应商账号「${name}」已注册，每个微信号只能注册一个供应商。`}
      actionText='进入微供管理'
      onAction={() => void Taro.redirectTo({ url: '/supplier/home/index' })}
      backText='返回我的'
      onBack={() => void Taro.switchTab({ url: '/pages/mine/index' })}
    />
  )
}

/** R1: register a supplier account (one per user): name, contact number and main category. */
export default function RegisterSupplierPage() {
  const { state, refresh } = useSession()
  const [draft, setDraft] = useState<Draft>(loadDraft)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState('')
  const [picking, setPicking] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const keyFor = useSubmissionKey('sr')

  const change = (field: Field, value: string) => {
    const next = { ...draft, [field]: value }
    setDraft(next)
    setErrors((prev) => ({ ...prev, [field]: undefined }))
    setFormError('')
    try {
      Taro.setStorageSync(DRAFT_KEY, next)
    } catch {
      // Drafts are a convenience; the form works without them.
    }
  }

  const submit = async () => {
    const parsed = RegisterSupplierInput.safeParse(draft)
    if (!parsed.success) {
      const found = messagesByField(issuesOf(parsed.error))
      // Nothing picked yet is a different thing from a closed category.
      if (!draft.mainCategory) found.mainCategory = '请选择主营类目'
      setErrors(found)
      return
    }
    setErrors({})
    setFormError('')
    setSubmitting(true)
    try {
      await callCloud('supplier', 'register', { ...parsed.data, idempotencyKey: keyFor(parsed.data) })
      try {
        Taro.removeStorageSync(DRAFT_KEY)
      } catch {
        // Nothing to clean up.
      }
      await refresh()
      void Taro.showToast({ title: '注册成功', icon: 'success' })
      void Taro.redirectTo({ url: '/supplier/home/index' })
    } catch (e) {
      const error = toAppError(e)
      if (error.code === 'CONFLICT') {
        // Registered already (e.g. on another device): the session now shows the account.
        void refresh()
      }
      const byField = error.issues ? messagesByField(error.issues) : {}
      setErrors(byField)
      setFormError(Object.keys(byField).length > 0 ? '' : error.message)
      setSubmitting(false)
    }
  }

  const form = (
    <>
      <View className='register-intro'>
        <Text className='register-title'>开通微供，建立你的私域批发渠道</Text>
        <Text className='register-subtitle'>商品只对绑定你的微商代理可见，不会出现在任何公开搜索中</Text>
      </View>

      <View className='wg-card register-form'>
        <View className='form-row'>
          <View className={`field field-name${errors.name ? ' field-invalid' : ''}`}>
            <Text className='field-label'>供应商名称</Text>
            <Input
              className='field-input'
              name='name'
              value={draft.name}
              placeholder='如：广州小美服饰'
              clearable
              onChange={(value) => change('name', value)}
            />
          </View>
          <FieldError message={errors.name} name='name' />
        </View>

        <View className='form-row'>
          <View className={`field field-contact${errors.contact ? ' field-invalid' : ''}`}>
            <Text className='field-label'>联系电话</Text>
            <Input
              className='field-input'
              name='contact'
              type='tel'
              value={draft.contact}
              placeholder='手机号或座机号'
              clearable
              onChange={(value) => change('contact', value)}
            />
          </View>
          <FieldError message={errors.contact} name='contact' />
        </View>

        <View className='form-row'>
          <View className={`field field-category${errors.mainCategory ? ' field-invalid' : ''}`} onClick={() => setPicking(true)}>
            <Text className='field-label'>主营类目</Text>
            <Text className={`field-value${draft.mainCategory ? '' : ' field-placeholder'}`}>{draft.mainCategory || '请选择主营类目'}</Text>
            <View className='chevron' />
          </View>
          <FieldError message={errors.mainCategory} name='category' />
        </View>
      </View>

      <FormError message={formError} />

      <Button className='register-submit' type='primary' block loading={submitting} disabled={submitting} onClick={() => void submit()}>
        提交注册
      </Button>
      <Text className='register-note'>注册后需由平台开通诚信通会员与基础买家保障，才能发布商品</Text>

      <CategoryPopup
        visible={picking}
        title='选择主营类目'
        value={draft.mainCategory}
        onChoose={(name) => change('mainCategory', name)}
        onClose={() => setPicking(false)}
      />
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
