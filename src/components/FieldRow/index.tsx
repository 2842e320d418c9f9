import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { FieldError } from '@/components/FormMessages'

/**
 * One line of a form: its label, its control, and right under it what is wrong with it. `name`
 * classes the line (`field-<name>`, dots as dashes) and its message (`field-error-<name>`); the row
 * is `field-invalid` while it has one, so the page's styles and 滚动到第一个错误 find it.
 */
export default function FieldRow({
  name,
  label,
  error,
  className,
  onClick,
  children,
}: PropsWithChildren<{ name: string; label: string; error?: string; className?: string; onClick?: () => void }>) {
  const slug = name.replace(/\./g, '-')
  return (
    <View className={`form-row${className ? ` ${className}` : ''}${error ? ' field-invalid' : ''}`}>
      <View className={`field field-${slug}`} onClick={onClick}>
        <Text className='field-label'>{label}</Text>
        {children}
      </View>
      <FieldError message={error} name={slug} />
    </View>
  )
}
