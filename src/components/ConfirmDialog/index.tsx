import { useCallback, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import './index.scss'

export interface ConfirmOptions {
  title: string
  content?: string
  confirmText?: string
  /** A red confirm button for actions that destroy something. */
  danger?: boolean
}

interface Open extends ConfirmOptions {
  resolve: (ok: boolean) => void
}

/**
 * SPEC §6: every destructive action is confirmed in Chinese. `confirm(...)` resolves true when the
 * user confirms; render `dialog` once in the page.
 */
export function useConfirm() {
  const [open, setOpen] = useState<Open | null>(null)
  const current = useRef<Open | null>(null)

  const confirm = useCallback((options: ConfirmOptions) => {
    return new Promise<boolean>((resolve) => {
      current.current?.resolve(false)
      const next = { ...options, resolve }
      current.current = next
      setOpen(next)
    })
  }, [])

  const close = (ok: boolean) => {
    current.current?.resolve(ok)
    current.current = null
    setOpen(null)
  }

  const dialog = (
    <Dialog
      className={`confirm-dialog${open?.danger ? ' confirm-dialog-danger' : ''}`}
      visible={open !== null}
      title={open?.title ?? ''}
      confirmText={open?.confirmText ?? '确定'}
      cancelText='取消'
      onConfirm={() => close(true)}
      onCancel={() => close(false)}
      onClose={() => close(false)}
    >
      {open?.content ? (
        <View className='confirm-dialog-body'>
          <Text>{open.content}</Text>
        </View>
      ) : null}
    </Dialog>
  )

  return { confirm, dialog }
}
