import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { provinces } from '@/domain/shipping'

/** Which region's provinces are being picked, and what is ticked so far. */
export interface Picking {
  key: number
  chosen: string[]
}

/** 选择省份 for one region: a province set in another region cannot be ticked again (R7). */
export default function ProvincePopup({
  picking,
  taken,
  onClose,
  onConfirm,
}: {
  picking: Picking | null
  /** Provinces of the other regions. */
  taken: ReadonlySet<string>
  onClose: () => void
  onConfirm: (chosen: string[]) => void
}) {
  const [chosen, setChosen] = useState<string[]>([])
  // Each opening starts from the region's own provinces.
  const [openedFor, setOpenedFor] = useState<Picking | null>(null)
  if (openedFor !== picking) {
    setOpenedFor(picking)
    if (picking) setChosen(picking.chosen)
  }

  return (
    <Popup className='province-popup' visible={picking !== null} position='bottom' round closeable title='选择省份' onClose={onClose}>
      {picking ? (
        <View className='province-body'>
          <View className='province-grid'>
            {provinces.map((province) => {
              const isTaken = taken.has(province)
              const on = chosen.includes(province)
              return (
                <View
                  key={province}
                  className={`province-chip${on ? ' province-chip-active' : ''}${isTaken ? ' province-chip-taken' : ''}`}
                  onClick={() => {
                    if (isTaken) {
                      void Taro.showToast({ title: `${province}已在其他地区设置`, icon: 'none' })
                      return
                    }
                    setChosen(on ? chosen.filter((p) => p !== province) : [...chosen, province])
                  }}
                >
                  {province}
                </View>
              )
            })}
          </View>
          <Button
            className='province-confirm'
            type='primary'
            block
            // Keep the list order of provinces, whatever order they were tapped in.
            onClick={() => onConfirm(provinces.filter((p) => chosen.includes(p)))}
          >
            确定（已选 {chosen.length}）
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
