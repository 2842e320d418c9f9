import { useState } from 'react'
import { createPortal } from 'react-dom'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { choosePersona, currentOpenid, personas } from '@/persona'
import { route } from '@/domain/routes'
import './index.scss'

/**
 * H5 only (local testing and demos): act as another user. Switching logs in again and opens 我的.
 * Rendered once by the app into <body>: Taro's H5 router owns the children of its #app container.
 */
export default function PersonaSwitcher() {
  const [open, setOpen] = useState(false)
  const [current, setCurrent] = useState('')

  const show = () => {
    setCurrent(currentOpenid())
    setOpen(true)
  }

  const choose = (openid: string) => {
    choosePersona(openid)
    setOpen(false)
    void Taro.switchTab({ url: route('pages/mine/index') })
  }

  return createPortal(
    <View className='persona-switcher'>
      <Button className='persona-fab' size='small' onClick={show}>
        切换身份
      </Button>
      <Popup
        className='persona-popup'
        visible={open}
        position='bottom'
        round
        closeable
        title='切换身份'
        description='仅用于本地演示和测试'
        onClose={() => setOpen(false)}
      >
        <View className='persona-list'>
          {personas.map((persona) => {
            const active = persona.openid === current
            return (
              <Button
                key={persona.openid}
                className={`persona-option persona-${persona.openid}${active ? ' persona-active' : ''}`}
                type={active ? 'primary' : 'default'}
                fill={active ? 'outline' : 'solid'}
                block
                onClick={() => choose(persona.openid)}
              >
                {persona.label}
              </Button>
            )
          })}
          <Text className='persona-current'>当前身份：{current}</Text>
        </View>
      </Popup>
    </View>,
    document.body,
  )
}
