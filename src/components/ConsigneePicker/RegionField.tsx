import { Picker, Text, View } from '@tarojs/components'
import type { RegionFieldProps } from './region'

/**
 * 所在地区 in the mini-program: WeChat's own region picker, which carries the national division
 * data itself, so the main package does not (the H5 build brings its own: RegionField.h5.tsx).
 */
export default function RegionField({ region, onPick }: RegionFieldProps) {
  return (
    <Picker
      mode='region'
      value={region}
      onChange={(event) => {
        const [province = '', city = '', district = ''] = event.detail.value
        onPick({ province, city, district })
      }}
    >
      <RegionRow region={region} />
    </Picker>
  )
}

export function RegionRow({ region, onClick }: { region: string[]; onClick?: () => void }) {
  const text = region.filter(Boolean).join(' ')
  return (
    <View className='field consignee-region' onClick={onClick}>
      <Text className='field-label'>所在地区</Text>
      <Text className={`field-value${text ? '' : ' field-placeholder'}`}>{text || '省 / 市 / 区'}</Text>
    </View>
  )
}
