import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { FieldError } from '@/components/FormMessages'

/** What every line of a form has: its name (classes, see below), its label, what is wrong, more classes. */
export interface LineProps {
  name: string
  label: string
  error?: string
  className?: string
}

/** A line whose control edits one text (TextRow, MoneyRow). */
export interface ControlLineProps extends LineProps {
  value: string
  placeholder?: string
  onChange: (value: string) => void
}

/**
 * The props a line takes from its field's key: name, message, value and change, so each line of a
 * form names only its label and what differs. `prefix` is the key's place in the form's messages
 * (e.g. `regions.0.`); `values` holds the form's texts by key.
 */
export function linesOf<K extends string>(
  values: Readonly<Record<K, string>>,
  errors: Readonly<Partial<Record<string, string>>>,
  change: (key: K, value: string) => void,
  prefix = '',
) {
  return (key: K) => ({
    name: `${prefix}${key}`,
    error: errors[`${prefix}${key}`],
    value: values[key],
    onChange: (value: string) => change(key, value),
  })
}

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
}: PropsWithChildren<LineProps & { onClick?: () => void }>) {
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
