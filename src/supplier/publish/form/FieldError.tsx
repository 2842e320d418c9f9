import { Text } from '@tarojs/components'

/** What is wrong with one field, right under it; `name` gives it a class of its own (`field-error-<name>`). */
export default function FieldError({ message, name }: { message?: string; name: string }) {
  return message ? <Text className={`field-error field-error-${name}`}>{message}</Text> : null
}
