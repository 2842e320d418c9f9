import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { isOpenCategory, openCategoryNames } from '@/domain/categories'
import type { ShopItem } from '@/domain/catalog'
import { eligibilityGaps, eligibilityGapText } from '@/domain/supplier'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView, NoticeView } from '@/components/StatusView'
import { useSession } from '@/session'
import ShopImportPopup from './ShopImportPopup'
import './index.scss'

/** 选择类目 (R3): the first step of publishing — one open first-level category, then new or imported (R15). */
export default function PublishCategoryPage() {
  const session = useSession()
  const supplier = session.state.status === 'ready' ? session.state.data.supplier : null
  const [chosen, setChosen] = useState('')
  const [importing, setImporting] = useState(false)
  const categories = openCategoryNames()

  if (session.state.status === 'loading') {
    return (
      <PageShell className='publish-category-page'>
        <LoadingView />
      </PageShell>
    )
  }
  if (session.state.status === 'error') {
    return (
      <PageShell className='publish-category-page'>
        <ErrorView message={session.state.error.message} onRetry={() => void session.refresh()} />
      </PageShell>
    )
  }
  if (!supplier || !supplier.canPublish) {
    const gaps = supplier ? eligibilityGaps(supplier) : []
    return (
      <PageShell className='publish-category-page'>
        <NoticeView
          className='publish-blocked'
          title='暂不能发布商品'
          description={supplier ? gaps.map((gap) => `${eligibilityGapText[gap].title}：${eligibilityGapText[gap].action}`).join('\n') : '注册供应商账号后才能发布商品'}
          actionText='返回微供管理'
          onAction={() => void Taro.redirectTo({ url: '/supplier/home/index' })}
        />
      </PageShell>
    )
  }

  // The supplier's main category is the likely one.
  const category = chosen || (isOpenCategory(supplier.mainCategory) ? supplier.mainCategory : '')

  const requireCategory = (): boolean => {
    if (category) return true
    void Taro.showToast({ title: '请先选择类目', icon: 'none' })
    return false
  }

  const publishNew = () => {
    if (requireCategory()) void Taro.navigateTo({ url: `/supplier/publish/form/index?category=${encodeURIComponent(category)}` })
  }

  const choose = (item: ShopItem) => {
    setImporting(false)
    void Taro.navigateTo({ url: `/supplier/publish/form/index?category=${encodeURIComponent(category)}&shopItemId=${encodeURIComponent(item._id)}` })
  }

  return (
    <PageShell className='publish-category-page'>
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
        <View className='category-chips'>
          {categories.map((name) => (
            <View key={name} className={`category-chip${category === name ? ' category-chip-active' : ''}`} onClick={() => setChosen(name)}>
              {name}
            </View>
          ))}
        </View>
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
    </PageShell>
  )
}
