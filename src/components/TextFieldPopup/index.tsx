import { Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import { codePointLength } from '@/domain/text'
import './index.scss'

/** Keeps at most `max` code points, so the counter never reads over the limit (R4's way of counting). */
function clip(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('')
}

/**
 * A bottom sheet with one short text field, its counter, what is wrong with it, and 保存 — e.g. an
 * agent's remark or a tier's name. `name` prefixes the classes (`remark` → `.remark-popup`,
 * `.remark-input`, …) so each use keeps its own selectors; the look is shared.
 */
export default function TextFieldPopup({
  name,
  visible,
  title,
  description,
  value,
  placeholder,
  max,
  error,
  saving,
  onChange,
  onSave,
  onClose,
}: {
  name: string
  visible: boolean
  title: string
  description?: string
  value: string
  placeholder: string
  max: number
  error: string
  saving: boolean
  onChange: (value: string) => void
  onSave: () => void
  onClose: () => void
}) {
  return (
    <Popup
      className={`text-popup ${name}-popup`}
      visible={visible}
      position='bottom'
      round
      closeable
      title={title}
      description={description}
      onClose={onClose}
    >
      <View className={`text-popup-body ${name}-body`}>
        <View className={`text-popup-field ${name}-field${error ? ` text-popup-field-invalid ${name}-field-invalid` : ''}`}>
          <Input
            className={`text-popup-input ${name}-input`}
            value={value}
            placeholder={placeholder}
            clearable
            onChange={(next) => onChange(clip(next, max))}
          />
          <Text className={`text-popup-counter ${name}-counter`}>
            {codePointLength(value)}/{max}
          </Text>
        </View>
        {error ? <Text className={`text-popup-error ${name}-error`}>{error}</Text> : null}
        <Button className={`text-popup-save ${name}-save`} type='primary' block loading={saving} disabled={saving} onClick={onSave}>
          保存
        </Button>
      </View>
    </Popup>
  )
}
