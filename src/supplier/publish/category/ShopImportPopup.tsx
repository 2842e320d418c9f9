import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Input, Popup } from '@nutui/nutui-react-taro'
import type { ShopItem } from '@/domain/catalog'
import { formatFenRange } from '@/domain/money'
import { formatShanghai } from '@/domain/time'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import LoadGate from '@/components/LoadGate'
import { EmptyView } from '@/components/StatusView'
import { usePagedList } from '@/hooks/usePagedList'

function priceText(item: ShopItem): string {
  return formatFenRange(item.specs.map((s) => s.price))
}

/** 导入已发布商品 (R15): the supplier's shop catalogue, searchable, one item to prefill the form. */
export default function ShopImportPopup({
  visible,
  onClose,
  onChoose,
}: {
  visible: boolean
  onClose: () => void
  onChoose: (item: ShopItem) => void
}) {
  const [query, setQuery] = useState('')
  // What the list shows results for: set before its first page is asked for.
  const searched = useRef('')
  const list = usePagedList<ShopItem>(
    (cursor) => {
      const q = searched.current
      return callCloud('catalog', 'listShop', { ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) })
    },
    (i) => i._id,
    { when: visible },
  )
  const { reload, loadMore } = list

  const search = (q: string) => {
    searched.current = q
    void reload()
  }

  return (
    <Popup className='shop-import-popup' visible={visible} position='bottom' round closeable title='导入已发布商品' onClose={onClose}>
      <View className='shop-search'>
        <Input
          className='shop-search-input'
          value={query}
          placeholder='搜索商品标题或编号'
          clearable
          onChange={setQuery}
          onConfirm={() => search(query.trim())}
        />
        <Button className='shop-search-button' size='small' type='primary' onClick={() => search(query.trim())}>
          搜索
        </Button>
      </View>
      <ScrollView className='shop-list' scrollY lowerThreshold={80} onScrollToLower={() => void loadMore()}>
        <LoadGate
          state={list.state}
          onRetry={() => void reload()}
          empty={
            <EmptyView
              className='shop-empty'
              title={searched.current ? '没有找到相关商品' : '还没有店铺商品'}
              description={searched.current ? '换个关键词试试' : '先导入店铺的商品表格（CSV 或 JSON），再从这里选择'}
            >
              {searched.current ? null : (
                <Button
                  className='shop-go-import'
                  type='primary'
                  fill='outline'
                  onClick={() => {
                    onClose()
                    void Taro.navigateTo({ url: route('supplier/import/index') })
                  }}
                >
                  去导入商品
                </Button>
              )}
            </EmptyView>
          }
          more={list}
        >
          {(items) =>
            items.map((item) => (
              <View key={item._id} className='shop-item' onClick={() => onChoose(item)}>
                <View className='shop-item-main'>
                  <Text className='shop-item-title'>{item.title}</Text>
                  <Text className='shop-item-meta'>
                    编号 {item.externalId} · {item.specs.length} 个规格 · {formatShanghai(item.importedAt, 'MM-DD')} 导入
                  </Text>
                </View>
                <View className='shop-item-side'>
                  <Text className='shop-item-price'>{priceText(item)}</Text>
                  <Text className='shop-item-choose'>选择</Text>
                </View>
              </View>
            ))
          }
        </LoadGate>
      </ScrollView>
    </Popup>
  )
}
