import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { FieldError } from '@/components/FormMessages'

/** 产品规格 (R5): names a new spec and adds it; the name stays typed when it cannot be added. */
export default function SpecAdder({ error, onAdd }: { error?: string; onAdd: (name: string) => boolean }) {
  const [name, setName] = useState('')
  const add = () => {
    if (onAdd(name.trim())) setName('')
  }
  return (
    <View className={`wg-card form-card specs-card${error ? ' field-invalid' : ''}`}>
      <View className='card-head'>
        <Text className='wg-card-title'>产品规格</Text>
        <Text className='wg-muted'>至少一项，填写后可上传图片和价格</Text>
      </View>
      <View className='spec-adder'>
        <Input className='spec-adder-input' value={name} placeholder='输入规格名称，如：红色 / M' onChange={setName} onConfirm={add} />
        <Button className='spec-add' type='primary' size='small' onClick={add}>
          添加规格
        </Button>
      </View>
      <FieldError message={error} name='specs' />
    </View>
  )
}
