import { Input } from '@nutui/nutui-react-taro'
import FieldRow, { type ControlLineProps } from '.'

/** A form line for a short text: a FieldRow whose control is a clearable NutUI input named like the line. */
export default function TextRow({
  name,
  label,
  error,
  className,
  inputClass,
  type = 'text',
  value,
  placeholder,
  onChange,
}: ControlLineProps & {
  /** The input's own classes (the page styles it). */
  inputClass: string
  type?: 'text' | 'tel'
}) {
  return (
    <FieldRow name={name} label={label} error={error} className={className}>
      <Input className={inputClass} name={name} type={type} value={value} placeholder={placeholder} clearable onChange={onChange} />
    </FieldRow>
  )
}
