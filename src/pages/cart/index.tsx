import Taro, { useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, InputNumber } from '@nutui/nutui-react-taro'
import { formatFen } from '@/domain/money'
import { route } from '@/domain/routes'
import { removeFromCart, setCartOwner, setCartQty, useCart, type CartGroup } from '@/cart'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { useConfirm } from '@/components/ConfirmDialog'
import { EmptyView } from '@/components/StatusView'
import { useSession } from '@/session'
import './index.scss'

function GroupCard({ group, onRemove }: { group: CartGroup; onRemove: (group: CartGroup, index: number) => void }) {
  const pieces = group.lines.reduce((sum, l) => sum + l.qty, 0)
  const estimate = group.lines.reduce((sum, l) => sum + l.qty * l.price, 0)
  return (
    <View className='wg-card cart-group' data-supplier-id={group.supplierId}>
      <Text className='cart-group-name'>{group.supplierName}</Text>
      {group.lines.map((line, index) => (
        <View key={`${line.productId}/${line.specId}`} className='cart-line'>
          {line.image ? <Image className='cart-line-image' src={line.image} mode='aspectFill' /> : <View className='cart-line-image' />}
          <View className='cart-line-main'>
            <Text className='cart-line-title'>{line.title}</Text>
            <Text className='cart-line-spec'>{line.specName}</Text>
            <View className='cart-line-row'>
              <Text className='cart-line-price'>{formatFen(line.price)}</Text>
              <InputNumber
                className='cart-line-qty'
                value={line.qty}
                min={1}
                max={Math.max(1, line.stock)}
                onChange={(value) => setCartQty(group.supplierId, line.productId, line.specId, Number(value))}
              />
            </View>
          </View>
          <Text className='cart-line-remove' onClick={() => onRemove(group, index)}>
            删除
          </Text>
        </View>
      ))}
      <View className='cart-group-foot'>
        <Text className='cart-group-sum'>
          共 {pieces} 件 约 <Text className='cart-group-money'>{formatFen(estimate)}</Text>
        </Text>
        <Button
          className='cart-checkout'
          type='primary'
          size='small'
          onClick={() => void Taro.navigateTo({ url: route('pages/checkout/index', { supplierId: group.supplierId }) })}
        >
          去结算
        </Button>
      </View>
    </View>
  )
}

/**
 * 进货单: what the agent is about to buy, one card per supplier (an order is always one supplier's);
 * 去结算 goes to 确认订单, where the server prices it. The amounts here are only an estimate.
 */
export default function CartPage() {
  const { state, refresh } = useSession()
  if (state.status === 'ready') setCartOwner(state.data.user._id)
  const groups = useCart()
  const { confirm, dialog } = useConfirm()
  useDidShow(() => {
    if (state.status === 'ready') setCartOwner(state.data.user._id)
  })

  const remove = async (group: CartGroup, index: number) => {
    const line = group.lines[index]
    if (!line) return
    const ok = await confirm({ title: '移出进货单', content: `确定移出「${line.specName}」？`, confirmText: '移出', danger: true })
    if (ok) removeFromCart(group.supplierId, [line])
  }

  return (
    <PageShell className='cart-page'>
      <LoadGate state={state} onRetry={() => void refresh()}>
        {() =>
          groups.length === 0 ? (
            <EmptyView image='parcel' title='进货单是空的' description='在商品页选好规格，点「加入进货单」'>
              <Button className='cart-go-shop' type='primary' onClick={() => void Taro.switchTab({ url: route('pages/feed/index') })}>
                去逛逛
              </Button>
            </EmptyView>
          ) : (
            <>
              <Text className='cart-hint'>价格以下单时你的代理等级价格为准，运费按收货地址计算</Text>
              {groups.map((group) => (
                <GroupCard key={group.supplierId} group={group} onRemove={(g, i) => void remove(g, i)} />
              ))}
            </>
          )
        }
      </LoadGate>
      {dialog}
    </PageShell>
  )
}
