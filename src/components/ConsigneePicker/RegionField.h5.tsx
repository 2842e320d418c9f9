import { useMemo, useState } from 'react'
import { Cascader } from '@nutui/nutui-react-taro'
// Named like a hook, it is a plain function building the tree once.
import { useCascaderAreaData as areaTree } from '@vant/area-data'
import RegionRow from './RegionRow'
import type { RegionFieldProps } from './region'

/**
 * 所在地区 in the H5 build: a province / city / district cascader over the national division data
 * of `@vant/area-data` (maintained with each year's changes); a browser has no region picker.
 */
export default function RegionField({ region, onPick }: RegionFieldProps) {
  const [picking, setPicking] = useState(false)
  const options = useMemo(() => areaTree(), [])
  return (
    <>
      <RegionRow region={region} onClick={() => setPicking(true)} />
      <Cascader
        className='region-cascader'
        visible={picking}
        title='选择所在地区'
        options={options}
        closeable
        onClose={() => setPicking(false)}
        onChange={(_value, path) => {
          const [province = '', city = '', district = ''] = path.map((node) => String(node.text ?? ''))
          onPick({ province, city, district })
        }}
      />
    </>
  )
}
