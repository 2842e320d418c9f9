import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import './index.scss'

/**
 * A supplier's face: the owner's avatar, or the first character of the shop name on the brand
 * colour when there is none (a shop reads better as its name than as a blank person).
 * `size` is in design px (750 wide); inline styles are not converted by Taro, so pxTransform here.
 */
export default function SupplierAvatar({
  url,
  name,
  size = 88,
  className,
}: {
  url: string
  name: string
  size?: number
  className?: string
}) {
  const box = { width: Taro.pxTransform(size), height: Taro.pxTransform(size) }
  const classes = `supplier-avatar ${className ?? ''}`
  if (url) {
    return <Image className={classes} style={box} src={url} mode='aspectFill' lazyLoad />
  }
  return (
    <View className={`${classes} supplier-avatar-letter`} style={box}>
      <Text className='supplier-avatar-char' style={{ fontSize: Taro.pxTransform(Math.round(size * 0.44)) }}>
        {Array.from(name.trim())[0] ?? '供'}
      </Text>
    </View>
  )
}
