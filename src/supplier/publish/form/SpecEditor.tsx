import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { Tier } from '@/domain/supplier'
import { formatYuan, parseYuan } from '@/domain/money'
import FieldRow from '@/components/FieldRow'
import MoneyRow from '@/components/FieldRow/MoneyRow'
import TextRow from '@/components/FieldRow/TextRow'
import { FieldError } from '@/components/FormMessages'
import SpecImages from './SpecImages'
import type { DraftImage, FieldErrors, SpecDraft } from './draft'

/** One spec (R5): name, images, 采购价, per-tier prices (R11), 建议零售价, 库存. */
export default function SpecEditor({
  index,
  spec,
  tiers,
  errors,
  onChange,
  onRemove,
  onBusyChange,
}: {
  index: number
  spec: SpecDraft
  tiers: readonly Tier[]
  errors: FieldErrors
  onChange: (key: string, update: (spec: SpecDraft) => SpecDraft) => void
  onRemove: (key: string) => void
  onBusyChange: (key: string, busy: number) => void
}) {
  const at = (field: string) => errors[`specs.${index}.${field}`]
  const set = (patch: Partial<SpecDraft>) => onChange(spec.key, (prev) => ({ ...prev, ...patch }))
  /** A money line's message, value and change; its name stays the one its message has always had. */
  const money = (field: 'price' | 'retailPrice') => ({
    error: at(field),
    value: spec[field],
    onChange: (value: string) => set({ [field]: value }),
  })
  const key = spec.key
  const changeImages = useCallback(
    (update: (images: DraftImage[]) => DraftImage[]) => onChange(key, (prev) => ({ ...prev, images: update(prev.images) })),
    [key, onChange],
  )
  const busy = useCallback((count: number) => onBusyChange(key, count), [key, onBusyChange])
  const base = parseYuan(spec.price)
  const basePlaceholder = base !== null && base > 0 ? `同采购价 ${formatYuan(base)}` : '不填按采购价'

  return (
    <View className={`wg-card spec-card spec-card-${index}`}>
      <View className='spec-head'>
        <Text className='spec-title'>规格 {index + 1}</Text>
        <Text className='spec-remove' onClick={() => onRemove(spec.key)}>
          删除规格
        </Text>
      </View>

      <TextRow
        name='name'
        label='规格名称'
        error={at('name')}
        className='spec-name'
        inputClass='spec-input'
        value={spec.name}
        placeholder='如：红色 / M'
        onChange={(name) => set({ name })}
      />

      <View className='spec-section'>
        <View className='spec-section-head'>
          <Text className='spec-section-title'>上传图片</Text>
          <Text className='spec-section-hint'>每个规格最多 9 张，第一张为首图；点击图片可预览、调整顺序</Text>
        </View>
        <SpecImages images={spec.images} invalid={Boolean(at('images'))} onImagesChange={changeImages} onBusyChange={busy} />
        <FieldError message={at('images')} name='images' />
      </View>

      <View className='spec-section'>
        <View className='spec-section-head'>
          <Text className='spec-section-title'>交易信息</Text>
        </View>
        <MoneyRow {...money('price')} name='price' label='采购价' className='spec-price' />

        {tiers.length > 0 ? (
          <View className='tier-prices'>
            <Text className='tier-prices-title'>分级采购价 · 不填则按采购价</Text>
            {tiers.map((tier) => {
              const error = at(`tierPrices.${tier.id}`)
              return (
                <MoneyRow
                  key={tier.id}
                  name='tier-price'
                  label={tier.name}
                  error={error}
                  className={`tier-price tier-price-${tier.id}`}
                  value={spec.tierPrices[tier.id] ?? ''}
                  placeholder={basePlaceholder}
                  onChange={(value) => set({ tierPrices: { ...spec.tierPrices, [tier.id]: value } })}
                />
              )
            })}
          </View>
        ) : null}

        <MoneyRow {...money('retailPrice')} name='retail' label='建议零售价' className='spec-retail' placeholder='选填，帮助微商定价' />

        <FieldRow name='stock' label='库存' error={at('stock')} className='spec-stock'>
          <View className='stock-input'>
            <Input
              className='spec-input'
              type='number'
              value={spec.stock}
              placeholder='0'
              onChange={(stock) => set({ stock: stock.replace(/\D/g, '') })}
            />
            <Text className='stock-unit'>件</Text>
          </View>
        </FieldRow>
      </View>
    </View>
  )
}
