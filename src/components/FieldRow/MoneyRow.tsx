import MoneyInput from '@/components/MoneyInput'
import FieldRow, { type ControlLineProps } from '.'

/** A form line for an amount in yuan: a FieldRow whose MoneyInput turns red while the line has a message. */
export default function MoneyRow({ name, label, error, className, value, placeholder, onChange }: ControlLineProps) {
  return (
    <FieldRow name={name} label={label} error={error} className={className}>
      <MoneyInput value={value} placeholder={placeholder} invalid={Boolean(error)} onChange={onChange} />
    </FieldRow>
  )
}
