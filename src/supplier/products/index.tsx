import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup, SearchBar, Tabs } from '@nutui/nutui-react-taro'
import type { ProductStatus, ProductSummary } from '@/domain/product'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import BatchBar from '@/components/BatchBar'
import LoadGate from '@/components/LoadGate'
import { EmptyView, SkeletonCards } from '@/components/StatusView'
import { useConfirm } from '@/components/ConfirmDialog'
import MiniCode from '@/components/MiniCode'
import { useBatchList } from '@/hooks/useBatchList'
import { useShareInsight } from '@/hooks/useShareInsight'
import { toastError } from '@/components/FormMessages/toast'
import ProductRow from './ProductRow'
import './index.scss'

const tabs: Array<{ value: ProductStatus; title: string }> = [
  { value: 'on_sale', title: '销售中' },
  { value: 'off_shelf', title: '已下架' },
]

type CodeState = { id: string; image: string; error: string } | null

/** 商品管理 (R10): 销售中 / 已下架, edit, 商品码, batch delist / relist / delete. */
export default function ProductsPage() {
  const { params } = useRouter()
  const [status, setStatus] = useState<ProductStatus>(params.status === 'off_shelf' ? 'off_shelf' : 'on_sale')
  const [working, setWorking] = useState(false)
  const [code, setCode] = useState<CodeState>(null)
  const { confirm, dialog } = useConfirm()
  // The tab being loaded: set before its first page is asked for.
  const statusRef = useRef(status)
  // The words searched in both tabs (product.search); none → the plain list.
  const [text, setText] = useState('')
  const queryRef = useRef('')
  // Another tab starts a new selection.
  const { list, selection, loadFirst } = useBatchList<ProductSummary>(
    (cursor) => {
      const page = { status: statusRef.current, ...(cursor ? { cursor } : {}) }
      return queryRef.current ? callCloud('product', 'search', { ...page, q: queryRef.current }) : callCloud('product', 'listMine', page)
    },
    (p) => p._id,
    status,
  )
  const { items } = list
  const shares = useShareInsight(
    'products',
    items.map((p) => p._id),
  )

  const search = (value: string) => {
    queryRef.current = value.trim()
    setText(queryRef.current)
    void loadFirst()
  }

  const switchTab = (value: ProductStatus) => {
    if (value === status) return
    statusRef.current = value
    setStatus(value)
    void loadFirst()
  }

  const { chosen, allSelected } = selection

  const run = async (action: 'delist' | 'relist' | 'remove') => {
    const ids = chosen.map((p) => p._id)
    if (ids.length === 0) {
      void Taro.showToast({ title: '请先勾选商品', icon: 'none' })
      return
    }
    const n = ids.length
    if (action === 'remove') {
      const ok = await confirm({
        title: '删除商品',
        content: `删除后无法恢复，确定删除这 ${n} 件商品？`,
        confirmText: '删除',
        danger: true,
      })
      if (!ok) return
    } else if (action === 'delist') {
      const ok = await confirm({
        title: '下架商品',
        content: `下架后微商将看不到这 ${n} 件商品，可在「已下架」中重新上架。`,
        confirmText: '下架',
      })
      if (!ok) return
    }
    setWorking(true)
    try {
      let message: string
      if (action === 'remove') {
        const { removed } = await callCloud('product', 'remove', { ids })
        message = `已删除 ${removed} 件商品`
      } else if (action === 'delist') {
        const { updated } = await callCloud('product', 'delist', { ids })
        message = `已下架 ${updated} 件商品`
      } else {
        const { updated } = await callCloud('product', 'relist', { ids })
        message = `已上架 ${updated} 件商品，有效期 30 天`
      }
      selection.clear()
      await loadFirst(true)
      void Taro.showToast({ title: message, icon: 'none', duration: 2000 })
    } catch (e) {
      toastError(e, 2500)
    } finally {
      setWorking(false)
    }
  }

  const openCode = async (id: string) => {
    setCode({ id, image: '', error: '' })
    try {
      const { image } = await callCloud('product', 'code', { id })
      setCode((prev) => (prev && prev.id === id ? { ...prev, image } : prev))
    } catch (e) {
      setCode((prev) => (prev && prev.id === id ? { ...prev, error: toAppError(e).message } : prev))
    }
  }

  const emptyText = queryRef.current ? `没有找到「${queryRef.current}」` : status === 'on_sale' ? '还没有销售中的商品' : '没有已下架的商品'

  return (
    <PageShell className={`products-page${items.length > 0 ? ' products-page-with-bar' : ''}`}>
      <View className='products-tabs'>
        <Tabs value={status} onChange={(value) => switchTab(value as ProductStatus)} activeType='line' duration={0}>
          {tabs.map((tab) => (
            <Tabs.TabPane key={tab.value} title={tab.title} value={tab.value} />
          ))}
        </Tabs>
        <SearchBar
          className='products-search'
          value={text}
          placeholder='搜索商品描述、规格'
          onChange={setText}
          onSearch={search}
          onClear={() => search('')}
        />
      </View>

      <View className={`products-list products-list-${status}`}>
        <LoadGate
          state={list.state}
          onRetry={() => void loadFirst()}
          loading={<SkeletonCards count={3} rows={3} />}
          empty={
            <EmptyView
              className='products-empty'
              image='parcel'
              title={emptyText}
              description={
                status === 'on_sale' ? '发布商品后，已绑定的微商代理就能看到并下单' : '下架或到期的商品会出现在这里，可以重新上架'
              }
            >
              {status === 'on_sale' ? (
                <Button
                  className='products-publish'
                  type='primary'
                  onClick={() => void Taro.navigateTo({ url: route('supplier/publish/category/index') })}
                >
                  发布商品
                </Button>
              ) : null}
            </EmptyView>
          }
          more={list}
        >
          {(products) =>
            products.map((product) => (
              <ProductRow
                key={product._id}
                product={product}
                checked={selection.isSelected(product)}
                onToggle={() => selection.toggle(product._id)}
                onEdit={() => void Taro.navigateTo({ url: route('supplier/publish/form/index', { id: product._id }) })}
                onCode={() => void openCode(product._id)}
                shares={shares.get(product._id)}
              />
            ))
          }
        </LoadGate>
      </View>

      {items.length > 0 ? (
        <BatchBar allSelected={allSelected} count={chosen.length} onToggleAll={selection.toggleAll}>
          {status === 'on_sale' ? (
            <Button className='batch-delist' size='small' fill='outline' disabled={working} onClick={() => void run('delist')}>
              下架
            </Button>
          ) : (
            <Button
              className='batch-relist'
              size='small'
              type='primary'
              fill='outline'
              disabled={working}
              onClick={() => void run('relist')}
            >
              上架
            </Button>
          )}
          <Button className='batch-remove' size='small' type='danger' disabled={working} onClick={() => void run('remove')}>
            删除
          </Button>
        </BatchBar>
      ) : null}

      <Popup className='code-popup' visible={code !== null} position='bottom' round closeable title='商品码' onClose={() => setCode(null)}>
        <View className='code-popup-body'>
          {code?.error ? (
            <Text className='code-popup-error'>{code.error}</Text>
          ) : (
            <MiniCode
              className='product-code'
              image={code?.image ?? ''}
              fileName={`商品码-${code?.id ?? ''}.png`}
              caption='微商扫码即可查看商品详情'
            />
          )}
        </View>
      </Popup>
      {dialog}
    </PageShell>
  )
}
