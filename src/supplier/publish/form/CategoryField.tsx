import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import CategoryPopup from '@/components/CategoryPopup'
import FieldRow from '@/components/FieldRow'

/** 商品类目 (R3): one open first-level category, chosen from a sheet. */
export default function CategoryField({
  value,
  error,
  imported,
  onChange,
}: {
  value: string
  error?: string
  /** Prefilled from a shop item (R15): says what is left to do. */
  imported: boolean
  onChange: (category: string) => void
}) {
  const [picking, setPicking] = useState(false)
  return (
    <>
      <View className='wg-card form-card'>
        <FieldRow name='category' label='商品类目' error={error} onClick={() => setPicking(true)}>
          <Text className={`form-line-value category-value${value ? '' : ' placeholder'}`}>{value || '请选择类目'}</Text>
          <View className='chevron' />
        </FieldRow>
        {imported ? <Text className='import-note'>已从店铺商品导入，补充图片后即可发布</Text> : null}
      </View>
      <CategoryPopup visible={picking} title='选择类目' value={value} onChoose={onChange} onClose={() => setPicking(false)} />
    </>
  )
}
