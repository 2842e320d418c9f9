import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { SPEC_IMAGES_MAX } from '@/domain/product'
import { chooseImages, uploadImage, type PickedImage } from '@/api/storage'
import { toAppError } from '@/api/cloud'
import type { DraftImage } from './draft'
import './SpecImages.scss'

interface Pending {
  id: number
  picked: PickedImage
  progress: number
  failed: string
}

let uploadSeed = 0

/**
 * Up to nine images of one spec (R5): pick from the album or camera, each compressed and uploaded
 * with its own progress; tap an image to preview, move or delete it.
 */
export default function SpecImages({
  images,
  invalid,
  onImagesChange,
  onBusyChange,
}: {
  images: DraftImage[]
  invalid?: boolean
  onImagesChange: (update: (images: DraftImage[]) => DraftImage[]) => void
  onBusyChange: (busy: number) => void
}) {
  const [pending, setPending] = useState<Pending[]>([])
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])
  useEffect(() => onBusyChange(pending.filter((p) => !p.failed).length), [pending, onBusyChange])

  const room = SPEC_IMAGES_MAX - images.length - pending.length

  const upload = async (item: Pending) => {
    const patch = (change: Partial<Pending>) => {
      if (mounted.current) setPending((prev) => prev.map((p) => (p.id === item.id ? { ...p, ...change } : p)))
    }
    patch({ failed: '', progress: 0 })
    try {
      const uploaded = await uploadImage(item.picked.source, (progress) => patch({ progress }))
      if (!mounted.current) return
      setPending((prev) => prev.filter((p) => p.id !== item.id))
      onImagesChange((prev) =>
        prev.length >= SPEC_IMAGES_MAX ? prev : [...prev, { fileID: uploaded.fileID, url: uploaded.url || item.picked.previewUrl }],
      )
    } catch (e) {
      patch({ failed: toAppError(e).message })
    }
  }

  const add = async () => {
    if (room <= 0) {
      void Taro.showToast({ title: `每个规格最多 ${SPEC_IMAGES_MAX} 张图片`, icon: 'none' })
      return
    }
    const picked = await chooseImages(room)
    const items = picked.slice(0, room).map((p) => ({ id: ++uploadSeed, picked: p, progress: 0, failed: '' }))
    if (items.length === 0) return
    setPending((prev) => [...prev, ...items])
    // One at a time keeps a weak connection from stalling all nine.
    for (const item of items) await upload(item)
  }

  const move = (index: number, to: number) => {
    onImagesChange((prev) => {
      if (to < 0 || to >= prev.length) return prev
      const next = [...prev]
      const [moved] = next.splice(index, 1)
      next.splice(to, 0, moved)
      return next
    })
  }

  const actOn = async (index: number) => {
    const options: Array<{ label: string; run: () => void }> = [
      { label: '查看大图', run: () => void Taro.previewImage({ urls: images.map((i) => i.url), current: images[index].url }) },
    ]
    if (index > 0) options.push({ label: '设为首图', run: () => move(index, 0) }, { label: '向前移动', run: () => move(index, index - 1) })
    if (index < images.length - 1) options.push({ label: '向后移动', run: () => move(index, index + 1) })
    options.push({ label: '删除图片', run: () => onImagesChange((prev) => prev.filter((_, i) => i !== index)) })
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: options.map((o) => o.label) })
      options[tapIndex]?.run()
    } catch {
      // Cancelled.
    }
  }

  return (
    <View className={`spec-images${invalid ? ' spec-images-invalid' : ''}`}>
      {images.map((image, index) => (
        <View key={image.fileID} className='spec-image' onClick={() => void actOn(index)}>
          <Image className='spec-image-picture' src={image.url} mode='aspectFill' />
          {index === 0 ? <Text className='spec-image-cover'>首图</Text> : null}
          <View
            className='spec-image-remove'
            onClick={(e) => {
              e.stopPropagation()
              onImagesChange((prev) => prev.filter((i) => i.fileID !== image.fileID))
            }}
          >
            ×
          </View>
        </View>
      ))}
      {pending.map((item) => (
        <View
          key={`pending-${item.id}`}
          className={`spec-image spec-image-pending${item.failed ? ' spec-image-failed' : ''}`}
          onClick={() => {
            if (item.failed) void upload(item)
          }}
        >
          <Image className='spec-image-picture' src={item.picked.previewUrl} mode='aspectFill' />
          <View className='spec-image-mask'>
            {item.failed ? (
              <Text className='spec-image-status'>上传失败{'\n'}点击重试</Text>
            ) : (
              <Text className='spec-image-status spec-image-progress'>{Math.round(item.progress * 100)}%</Text>
            )}
          </View>
          {item.failed ? (
            <View
              className='spec-image-remove'
              onClick={(e) => {
                e.stopPropagation()
                setPending((prev) => prev.filter((p) => p.id !== item.id))
              }}
            >
              ×
            </View>
          ) : null}
        </View>
      ))}
      {room > 0 ? (
        <View className='spec-image spec-image-add' onClick={() => void add()}>
          <Text className='spec-image-add-icon'>+</Text>
          <Text className='spec-image-add-text'>
            {images.length + pending.length}/{SPEC_IMAGES_MAX}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
