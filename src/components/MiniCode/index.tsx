import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { saveImageToAlbum } from '@/api/storage'
import { toastError } from '@/components/FormMessages/toast'
import './index.scss'

/** A mini-program code (微供主页码 R12, 商品码 R10) with 「保存到相册」. `image` '' while it loads. */
export default function MiniCode({
  className,
  image,
  fileName,
  caption,
}: {
  className?: string
  image: string
  fileName: string
  caption?: string
}) {
  const [saving, setSaving] = useState(false)

  const save = async () => {
    if (!image) return
    setSaving(true)
    try {
      const saved = await saveImageToAlbum(image, fileName)
      if (saved) void Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '已下载' : '已保存到相册', icon: 'success' })
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className={`mini-code ${className ?? ''}`}>
      <View className='mini-code-frame'>
        {image ? (
          <Image
            className='mini-code-image'
            src={image}
            mode='aspectFit'
            showMenuByLongpress
            onClick={() => void Taro.previewImage({ urls: [image] })}
          />
        ) : (
          <Loading type='circular' />
        )}
      </View>
      {caption ? <Text className='mini-code-caption'>{caption}</Text> : null}
      <Button
        className='mini-code-save'
        type='primary'
        fill='outline'
        size='small'
        disabled={!image || saving}
        loading={saving}
        onClick={() => void save()}
      >
        保存到相册
      </Button>
    </View>
  )
}
