import { Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import { FieldError, FormError } from '@/components/FormMessages'

/** The end of the form: what stops it being sent, the agreement, and 发布 / 保存修改. */
export default function SubmitBar({
  isEdit,
  formError,
  agreed,
  agreedError,
  submitting,
  onAgree,
  onSubmit,
}: {
  isEdit: boolean
  formError: string
  agreed: boolean
  agreedError?: string
  submitting: boolean
  onAgree: (agreed: boolean) => void
  onSubmit: () => void
}) {
  return (
    <>
      <FormError message={formError} />

      <View className={`agreement${agreedError ? ' field-invalid' : ''}`}>
        <Checkbox className='agreement-check' checked={agreed} onChange={onAgree} label='我已阅读并同意《微供商品发布规则》' />
        <FieldError message={agreedError} name='agreed' />
      </View>

      <Button className='publish-submit' type='primary' block loading={submitting} disabled={submitting} onClick={onSubmit}>
        {isEdit ? '保存修改' : '同意协议条款，我要发布'}
      </Button>
      {!isEdit ? <Text className='publish-note'>发布后商品上架 30 天，到期自动下架，可在「已下架」中重新上架</Text> : null}
    </>
  )
}
