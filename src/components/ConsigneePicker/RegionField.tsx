import { Picker } from '@tarojs/components'
import RegionRow from './RegionRow'
import type { RegionFieldProps } from './region'

/**
 * 所在地区 in the mini-program: WeChat's own region picker, which carries the national division
 * data itself, so the main package does not (the H5 build brings its own: RegionField.h5.tsx).
 */
export default function RegionField({ region, onPick }: RegionFieldProps) {
  return (
    <Picker
      mode='region'
      // Until all three are picked the picker opens on its first province.
      value={region.every(Boolean) ? region : []}
      onChange={(event) => {
        const [province = '', city = '', district = ''] = event.detail.value
        onPick({ province, city, district })
      }}
    >
      <RegionRow region={region} />
    </Picker>
  )
}
