import { Text, View } from '@tarojs/components'

/** What is wrong with one field, right under it; `name` adds a class of its own (`field-error-<name>`). */
export function FieldError({ message, name }: { message?: string; name?: string }) {
  return message ? <Text className={name ? `field-error field-error-${name}` : 'field-error'}>{message}</Text> : null
}

/** What stops the whole form, above its submit button (SPEC §6: plain Chinese; what was typed stays). */
export function FormError({ message }: { message: string }) {
  return message ? (
    <View className='form-error'>
      <Text>{message}</Text>
    </View>
  ) : null
}
