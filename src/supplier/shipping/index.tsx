import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatFen } from '@/domain/money'
import type { Shipping } from '@/domain/shipping'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { useConfirm } from '@/components/ConfirmDialog'
import { useLoader } from '@/hooks/useLoader'
import { feeText } from './fees'
import './index.scss'

function TemplateCard({ template, onEdit, onRemove }: { template: Shipping; onEdit: () => void; onRemove: () => void }) {
  return (
    <View className='wg-card shipping-card' data-template-id={template._id}>
      <View className='shipping-card-head'>
        <Text className='shipping-name'>{template.name}</Text>
        {template.freeOver !== undefined ? <Text className='shipping-free'>满 {formatFen(template.freeOver)} 包邮</Text> : null}
      </View>
      <View className='shipping-rule'>
        <Text className='shipping-rule-area'>默认</Text>
        <Text className='shipping-rule-fee'>{feeText(template.firstFee, template.additionalFee)}</Text>
      </View>
      {(template.regions ?? []).map((region, index) => (
        <View key={index} className='shipping-rule shipping-rule-region'>
          <Text className='shipping-rule-area'>{region.provinces.join('、')}</Text>
          <Text className='shipping-rule-fee'>{feeText(region.firstFee, region.additionalFee)}</Text>
        </View>
      ))}
      <View className='shipping-card-actions'>
        <Text className='shipping-action shipping-remove' onClick={onRemove}>
          删除
        </Text>
        <Text className='shipping-action shipping-edit' onClick={onEdit}>
          编辑
        </Text>
      </View>
    </View>
  )
}

/** 运费模板 (R7): the supplier's templates; a template still used by products cannot be deleted. */
export default function ShippingListPage() {
  const { state, reload } = useLoader(() => callCloud('shipping', 'list', {}), { onShow: true })
  const [removing, setRemoving] = useState(false)
  const { confirm, dialog } = useConfirm()

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  const remove = async (template: Shipping) => {
    const ok = await confirm({
      title: '删除运费模板',
      content: `删除运费模板「${template.name}」？删除后无法恢复。`,
      confirmText: '删除',
      danger: true,
    })
    if (!ok || removing) return
    setRemoving(true)
    try {
      await callCloud('shipping', 'remove', { id: template._id })
      void Taro.showToast({ title: '已删除', icon: 'success' })
      await reload()
    } catch (e) {
      // e.g. products still use it: the server names them.
      void Taro.showModal({ title: '无法删除', content: toAppError(e).message, showCancel: false, confirmText: '知道了' })
    } finally {
      setRemoving(false)
    }
  }

  const create = () => void Taro.navigateTo({ url: route('supplier/shipping/edit/index') })

  return (
    <PageShell className='shipping-page'>
      <LoadGate
        state={state}
        onRetry={() => void reload()}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyView className='shipping-empty' image='parcel' title='还没有运费模板' description='发布商品需要选择运费模板，先创建一个吧'>
            <Button className='shipping-create-empty' type='primary' onClick={create}>
              新建运费模板
            </Button>
          </EmptyView>
        }
      >
        {({ items }) => (
          <>
            <Text className='shipping-tip'>建议为微供设置独立的运费模板，方便微商一件代发</Text>
            {items.map((template) => (
              <TemplateCard
                key={template._id}
                template={template}
                onEdit={() => void Taro.navigateTo({ url: route('supplier/shipping/edit/index', { id: template._id }) })}
                onRemove={() => void remove(template)}
              />
            ))}
            <View className='shipping-footer'>
              <Button className='shipping-create' type='primary' block onClick={create}>
                新建运费模板
              </Button>
            </View>
          </>
        )}
      </LoadGate>
      {dialog}
    </PageShell>
  )
}
