import { View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { openCategoryNames } from '@/domain/categories'
import './index.scss'

/** A bottom sheet of the open first-level categories (R3); choosing one closes it. */
export default function CategoryPopup({
  visible,
  title,
  value,
  onChoose,
  onClose,
}: {
  visible: boolean
  title: string
  value: string
  onChoose: (category: string) => void
  onClose: () => void
}) {
  return (
    <Popup className='category-popup' visible={visible} position='bottom' round closeable title={title} onClose={onClose}>
      <View className='category-grid'>
        {openCategoryNames().map((name) => (
          <View
            key={name}
            className={`category-option${value === name ? ' category-option-active' : ''}`}
            onClick={() => {
              onChoose(name)
              onClose()
            }}
          >
            {name}
          </View>
        ))}
      </View>
    </Popup>
  )
}
