import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { isOpenCategory, openCategoryNames } from '@/domain/categories'
import type { ShopItem } from '@/domain/catalog'
import type { Supplier } from '@/domain/supplier'
import { route } from '@/domain/routes'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import ChipChoice from '@/components/ChipChoice'
import { useSession } from '@/session'
import PublishBlockedView from '../PublishBlockedView'
import ShopImportPopup from './ShopImportPopup'
import './index.scss'

/** The categories to publish in, and the two ways on: a new product or one imported from the shop (R15). */
function CategoryPicker({ supplier }: { supplier: Supplier }) {
  const [chosen, setChosen] = useState('')
  const [importing, setImporting] = useState(false)
  const categories = openCategoryNames().map((name) => ({ value: name, label: name }))

  // The supplier's main category is the likely one.
  const category = chosen || (isOpenCategory(supplier.mainCategory) ? supplier.mainCategory : '')

  const requireCategory = (): boolean => {
    if (category) return true
    void Taro.showToast({ title: '请先选择类目', icon: 'none' })
    return false
  }

  const publishNew = () => {
    if (requireCategory()) void Taro.navigateTo({ url: route('supplier/publish/form/index', { category }) })
  }

  const choose = (item: ShopItem) => {
    setImporting(false)
    void Taro.navigateTo({
      url: route('supplier/publish/form/index', { category, shopItemId: item._id }),
    })
  }

  return (
    <>
      <View className='publish-steps'>
        <View className='publish-step publish-step-active'>
          <Text className='publish-step-index'>1</Text>
          <Text className='publish-step-name'>选择类目</Text>
        </View>
        <View className='publish-step-line' />
        <View className='publish-step'>
          <Text className='publish-step-index'>2</Text>
          <Text className='publish-step-name'>填写商品</Text>
        </View>
        <View className='publish-step-line' />
        <View className='publish-step'>
          <Text className='publish-step-index'>3</Text>
          <Text className='publish-step-name'>发布成功</Text>
        </View>
      </View>

      <View className='wg-card'>
        <Text className='wg-card-title'>选择一级类目</Text>
        <Text className='category-hint'>微供商品只对已绑定你的微商代理可见</Text>
        <ChipChoice name='category-chip' chips={categories} value={category} onChange={setChosen} />
      </View>

      <View className='publish-actions'>
        <Button className='publish-new' type='primary' block onClick={publishNew}>
          发布新商品
        </Button>
        <Button
          className='publish-import'
          type='primary'
          fill='outline'
          block
          onClick={() => {
            if (requireCategory()) setImporting(true)
          }}
        >
          导入已发布商品
        </Button>
        <Text className='publish-actions-note'>商品发布后上架 30 天，到期自动下架</Text>
      </View>

      <ShopImportPopup visible={importing} onClose={() => setImporting(false)} onChoose={choose} />
    </>
  )
}

/** 选择类目 (R3): the first step of publishing — one open first-level category, then new or imported (R15). */
export default function PublishCategoryPage() {
  const session = useSession()
  return (
    <PageShell className='publish-category-page'>
      <LoadGate state={session.state} onRetry={() => void session.refresh()}>
        {({ supplier }) => (supplier?.canPublish ? <CategoryPicker supplier={supplier} /> : <PublishBlockedView supplier={supplier} />)}
      </LoadGate>
    </PageShell>
  )
}
