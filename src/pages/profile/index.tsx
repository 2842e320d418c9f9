import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { codePointLength } from '@/domain/text'
import { NICKNAME_MAX, NicknameSchema, WechatIdSchema } from '@/domain/user'
import { callCloud, toAppError } from '@/api/cloud'
import { chooseImages, uploadAvatar } from '@/api/storage'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView } from '@/components/StatusView'
import UserAvatar from '@/components/UserAvatar'
import { useSession } from '@/session'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * 编辑资料: nickname and avatar. The mini-program picks the avatar with WeChat's chooser (a temp path
 * on the phone), H5 from the album; either way it is uploaded into the caller's own upload area and
 * its file ID saved, since the profile accepts only the caller's own files.
 */
export default function ProfilePage() {
  const { state, refresh, setUser } = useSession()
  const user = state.status === 'ready' ? state.data.user : null
  const [nickname, setNickname] = useState('')
  // R16: the WeChat ID customers copy with 「联系卖家」 on what this user shares.
  const [wechatId, setWechatId] = useState('')
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)

  useEffect(() => {
    if (user) setNickname(user.nickname)
    if (user) setWechatId(user.wechatId ?? '')
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
    const wechat = WechatIdSchema.safeParse(wechatId)
    if (!wechat.success) {
      setError(wechat.error.issues[0]?.message ?? '微信号不正确')
      return
    }
    setError('')
    setSaving(true)
    try {
      setUser(await callCloud('user', 'updateProfile', { nickname: parsed.data, wechatId: wechat.data }))
      setNickname(parsed.data)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setError(toAppError(e).message)
    } finally {
      setSaving(false)
    }
  }

  const saveAvatar = async (source: string | File) => {
    setUploading(true)
    try {
      const { fileID } = await uploadAvatar(source)
      setUser(await callCloud('user', 'updateProfile', { avatar: fileID }))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message || '头像上传失败', icon: 'none' })
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
        <View className='field field-wechat'>
          <Text className='field-label'>微信号</Text>
          <Input
            className='field-input'
            value={wechatId}
            placeholder='选填，顾客点「联系卖家」时复制'
            clearable
            onChange={(value) => {
              setWechatId(value)
              if (error) setError('')
            }}
          />
        </View>
        {error ? <Text className='field-error'>{error}</Text> : null}
      </View>

      <Button className='profile-save' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>
    </PageShell>
  )
}
