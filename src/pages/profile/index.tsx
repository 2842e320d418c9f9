import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { codePointLength } from '@/domain/text'
import { NICKNAME_MAX, NicknameSchema } from '@/domain/user'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView } from '@/components/StatusView'
import UserAvatar from '@/components/UserAvatar'
import { useSession } from '@/session'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** 编辑资料: nickname everywhere; in the mini-program also the avatar from WeChat's chooser. */
export default function ProfilePage() {
  const { state, refresh, setUser } = useSession()
  const user = state.status === 'ready' ? state.data.user : null
  const [nickname, setNickname] = useState('')
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)

  useEffect(() => {
    if (user) setNickname(user.nickname)
    // Only when the user is first known: later updates must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user?._id])

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

  const save = async () => {
    const parsed = NicknameSchema.safeParse(nickname)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '昵称不正确')
      return
    }
    setError('')
    setSaving(true)
    try {
      setUser(await callCloud('user', 'updateProfile', { nickname: parsed.data }))
      setNickname(parsed.data)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setError(toAppError(e).message)
    } finally {
      setSaving(false)
    }
  }

  const chooseAvatar = async (tempPath: string) => {
    if (!tempPath) return
    setUploading(true)
    try {
      const ext = /\.(\w+)$/.exec(tempPath)?.[1] ?? 'jpg'
      const { fileID } = await Taro.cloud.uploadFile({ cloudPath: `avatars/${user._id}/${Date.now()}.${ext}`, filePath: tempPath })
      setUser(await callCloud('user', 'updateProfile', { avatar: fileID }))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message || '头像上传失败', icon: 'none' })
    } finally {
      setUploading(false)
    }
  }

  const length = codePointLength(nickname.trim())

  return (
    <PageShell className='profile-page'>
      <View className='wg-card profile-avatar-card'>
        {isWeapp ? (
          <NativeButton
            className='avatar-chooser'
            openType='chooseAvatar'
            onChooseAvatar={(e) => void chooseAvatar(String((e.detail as { avatarUrl?: string }).avatarUrl ?? ''))}
          >
            <UserAvatar className='profile-avatar' url={user.avatarUrl} size='80' />
            <Text className='avatar-hint'>{uploading ? '上传中…' : '点击更换头像'}</Text>
          </NativeButton>
        ) : (
          <View className='avatar-chooser'>
            <UserAvatar className='profile-avatar' url={user.avatarUrl} size='80' />
          </View>
        )}
      </View>

      <View className='wg-card profile-form'>
        <View className='field field-nickname'>
          <Text className='field-label'>昵称</Text>
          <Input
            className='field-input'
            type={isWeapp ? 'nickname' : 'text'}
            value={nickname}
            placeholder='请输入昵称'
            clearable
            onChange={(value) => {
              setNickname(value)
              if (error) setError('')
            }}
          />
          <Text className={`field-count${length > NICKNAME_MAX ? ' field-count-over' : ''}`}>
            {length}/{NICKNAME_MAX}
          </Text>
        </View>
        {error ? <Text className='field-error'>{error}</Text> : null}
      </View>

      <Button className='profile-save' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>
    </PageShell>
  )
}
