import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { linesOf } from '@/components/FieldRow'
import MoneyRow from '@/components/FieldRow/MoneyRow'
import { FieldError } from '@/components/FormMessages'
import { useConfirm } from '@/components/ConfirmDialog'
import type { FieldErrors } from '@/hooks/useFormSubmit'
import ProvincePopup, { type Picking } from './ProvincePopup'
import type { RegionDraft } from './useTemplateDraft'

/** 指定地区运费 (R7): per-province fees that replace the template's default ones. */
export default function RegionsCard({
  regions,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  regions: RegionDraft[]
  errors: FieldErrors
  onChange: (key: number, patch: Partial<RegionDraft>) => void
  onAdd: () => void
  onRemove: (key: number) => void
}) {
  const [picking, setPicking] = useState<Picking | null>(null)
  const { confirm, dialog } = useConfirm()

  const remove = async (region: RegionDraft) => {
    if (region.provinces.length > 0) {
      const ok = await confirm({
        title: '删除指定地区运费',
        content: `删除「${region.provinces.join('、')}」的运费设置？`,
        confirmText: '删除',
        danger: true,
      })
      if (!ok) return
    }
    onRemove(region.key)
  }

  const takenElsewhere = (key: number) => new Set(regions.filter((r) => r.key !== key).flatMap((r) => r.provinces))

  return (
    <View className='wg-card regions-card'>
      <View className='regions-head'>
        <Text className='wg-card-title'>指定地区运费</Text>
        <Text className='wg-muted'>选填，偏远地区可单独设置</Text>
      </View>
      {regions.map((region, index) => {
        const at = `regions.${index}`
        const line = linesOf<'firstFee' | 'additionalFee'>(region, errors, (key, value) => onChange(region.key, { [key]: value }), `${at}.`)
        return (
          <View key={region.key} className={`region region-${index}`}>
            <View className='region-head'>
              <Text className='region-title'>地区 {index + 1}</Text>
              <Text className='region-remove' onClick={() => void remove(region)}>
                删除
              </Text>
            </View>
            <View
              className={`region-provinces${errors[`${at}.provinces`] ? ' field-invalid' : ''}`}
              onClick={() => setPicking({ key: region.key, chosen: [...region.provinces] })}
            >
              <Text className={region.provinces.length > 0 ? 'region-provinces-text' : 'region-provinces-text placeholder'}>
                {region.provinces.length > 0 ? region.provinces.join('、') : '选择省份'}
              </Text>
              <View className='chevron' />
            </View>
            <FieldError message={errors[`${at}.provinces`]} />
            <MoneyRow {...line('firstFee')} label='首件运费' />
            <MoneyRow {...line('additionalFee')} label='续件运费' />
          </View>
        )
      })}
      <Button className='region-add' fill='dashed' block onClick={onAdd}>
        ＋ 添加指定地区
      </Button>
      <ProvincePopup
        picking={picking}
        taken={picking ? takenElsewhere(picking.key) : new Set()}
        onClose={() => setPicking(null)}
        onConfirm={(chosen) => {
          if (picking) onChange(picking.key, { provinces: chosen })
          setPicking(null)
        }}
      />
      {dialog}
    </View>
  )
}
