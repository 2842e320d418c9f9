import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'

/**
 * 「加入小店」 (subpackage pages only): puts the products into the agent's storefront, first and in
 * the order given. `back`: 添加商品 of 我的小店 opened this page, so it returns there once added.
 */
export default function AddToStorefront({
  productIds,
  back = false,
  className = '',
  block = false,
}: {
  productIds: string[]
  back?: boolean
  className?: string
  block?: boolean
}) {
  const [busy, setBusy] = useState(false)
  const add = async () => {
    if (busy || productIds.length === 0) return
    setBusy(true)
    try {
      await callCloud('storefront', 'addProducts', { productIds })
      void Taro.showToast({ title: productIds.length > 1 ? `已加入小店 ${productIds.length} 件` : '已加入小店', icon: 'success' })
      if (back) void Taro.navigateBack().catch(() => Taro.redirectTo({ url: route('pages/storefront/index') }))
    } catch (e) {
      void Taro.showToast({ title: toAppError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button
      className={`add-to-storefront ${className}`}
      type='primary'
      fill={block ? 'solid' : 'outline'}
      size={block ? 'normal' : 'small'}
      block={block}
      disabled={productIds.length === 0}
      loading={busy}
      onClick={() => void add()}
    >
      加入小店
    </Button>
  )
}
