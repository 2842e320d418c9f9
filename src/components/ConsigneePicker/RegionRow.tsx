import { Text, View } from '@tarojs/components'

/**
 * The 所在地区 row both builds' RegionField show (its own file: in the H5 build './RegionField' is
 * RegionField.h5.tsx itself).
 */
export default function RegionRow({ region, onClick }: { region: string[]; onClick?: () => void }) {
  const text = region.filter(Boolean).join(' ')
  return (
    <View className='field consignee-region' onClick={onClick}>
      <Text className='field-label'>所在地区</Text>
      <Text className={`field-value${text ? '' : ' field-placeholder'}`}>{text || '省 / 市 / 区'}</Text>
    </View>
  )
}
