import { Text, View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import { DESCRIPTION_MAX } from '@/domain/product'
import { codePointLength } from '@/domain/text'
import { FieldError } from '@/components/FormMessages'

/** 商品描述 (R4): written like a Moments post; the counter counts code points and turns red past the limit. */
export default function DescriptionCard({
  value,
  error,
  onChange,
}: {
  value: string
  error?: string
  onChange: (description: string) => void
}) {
  const length = codePointLength(value)
  return (
    <View className={`wg-card form-card description-card${error ? ' field-invalid' : ''}`}>
      <View className='card-head'>
        <Text className='wg-card-title'>商品描述</Text>
        <Text className={`description-counter${length > DESCRIPTION_MAX ? ' counter-over' : ''}`}>
          {length}/{DESCRIPTION_MAX}
        </Text>
      </View>
      <TextArea
        className='description-input'
        value={value}
        placeholder='像发朋友圈一样介绍商品：卖点、材质、尺码、发货时间…'
        maxLength={-1}
        autoSize
        onChange={onChange}
      />
      <FieldError message={error} name='description' />
    </View>
  )
}
