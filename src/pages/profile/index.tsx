import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { codePointLength } from '@/domain/text'
import { checkWith } from '@/domain/errors'
import { NICKNAME_MAX, UpdateProfileInput, type User } from '@/domain/user'
import { callCloud } from '@/api/cloud'
import { chooseImages, uploadAvatar } from '@/api/storage'
import PageShell from '@/components/PageShell'
import FieldRow from '@/components/FieldRow'
import { FormError } from '@/components/FormMessages'
import { toastError } from '@/components/FormMessages/toast'
import { ErrorView, LoadingView } from '@/components/StatusView'
import UserAvatar from '@/components/UserAvatar'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useSession } from '@/session'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * 编辑资料: nickname and avatar. The mini-program picks the avatar with WeChat's chooser (a temp path
 * on the phone), H5 from the album; either way it is uploaded into the caller's own upload area and
 * its file ID saved, since the profile accepts only the caller's own files.
 */
export default function ProfilePage() {
  const { state, refresh } = useSession()
  const user = state.status === 'ready' ? state.data.user : null

  if (state.status === 'loading') {
    return (
      <PageShell className='profile-page'>
        <LoadingView />
      </PageShell>
    )
  }
  if (state.status === 'error' || !user) {
    return (
      <PageShell className='profile-page'>
        <ErrorView message={state.status === 'error' ? state.error.message : '加载失败'} onRetry={() => void refresh()} />
      </PageShell>
    )
  }
  // The form starts from the user once known; later updates (a new avatar) leave what is being typed.
  return <ProfileForm key={user._id} user={user} />
}

function ProfileForm({ user }: { user: User }) {
  const { setUser } = useSession()
  const [nickname, setNickname] = useState(user.nickname)
  // R16: the WeChat ID customers copy with 「联系卖家」 on what this user shares.
  const [wechatId, setWechatId] = useState(user.wechatId ?? '')
  const [uploading, setUploading] = useState(false)
  const { errors, formError, saving, submit, clear } = useFormSubmit({
    check: () => checkWith(UpdateProfileInput, { nickname, wechatId }),
    send: (input: UpdateProfileInput) => callCloud('user', 'updateProfile', input),
    toast: '已保存',
    done: (saved, input) => {
      setUser(saved)
      setNickname(input.nickname ?? nickname)
    },
  })

  const saveAvatar = async (source: string | File) => {
    setUploading(true)
    try {
      const { fileID } = await uploadAvatar(source)
      setUser(await callCloud('user', 'updateProfile', { avatar: fileID }))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      toastError(e)
    } finally {
      setUploading(false)
    }
  }
  const pickAvatarInBrowser = async () => {
    if (uploading) return
    const [picked] = await chooseImages(1)
    if (picked) await saveAvatar(picked.source)
  }

  const length = codePointLength(nickname.trim())

  return (
    <PageShell className='profile-page'>
      <View className='wg-card profile-avatar-card'>
        {isWeapp ? (
          <NativeButton
            className='avatar-chooser'
            openType='chooseAvatar'
            onChooseAvatar={(e) => {
              const tempPath = (e.detail as { avatarUrl?: string }).avatarUrl
              if (tempPath && !uploading) void saveAvatar(tempPath)
            }}
          >
            <UserAvatar className='profile-avatar' url={user.avatarUrl} size='80' />
            <Text className='avatar-hint'>{uploading ? '上传中…' : '点击更换头像'}</Text>
          </NativeButton>
        ) : (
          <View className='avatar-chooser' onClick={() => void pickAvatarInBrowser()}>
            <UserAvatar className='profile-avatar' url={user.avatarUrl} size='80' />
            <Text className='avatar-hint'>{uploading ? '上传中…' : '点击更换头像'}</Text>
          </View>
        )}
      </View>

      <View className='wg-card profile-form'>
        <FieldRow name='nickname' label='昵称' error={errors.nickname}>
          <Input
            className='field-input'
            type={isWeapp ? 'nickname' : 'text'}
            value={nickname}
            placeholder='请输入昵称'
            clearable
            onChange={(value) => {
              setNickname(value)
              clear('nickname')
            }}
          />
          <Text className={`field-count${length > NICKNAME_MAX ? ' field-count-over' : ''}`}>
            {length}/{NICKNAME_MAX}
          </Text>
        </FieldRow>
        <FieldRow name='wechat' label='微信号' error={errors.wechatId}>
          <Input
            className='field-input'
            value={wechatId}
            placeholder='选填，顾客点「联系卖家」时复制'
            clearable
            onChange={(value) => {
              setWechatId(value)
              clear('wechatId')
            }}
          />
        </FieldRow>
      </View>

      <FormError message={formError} />

      <Button className='profile-save' type='primary' block loading={saving} disabled={saving} onClick={() => void submit()}>
        保存
      </Button>
    </PageShell>
  )
}
