import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import type { Post } from '@/domain/post'
import { formatShanghai } from '@/domain/time'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import BatchBar from '@/components/BatchBar'
import LoadGate from '@/components/LoadGate'
import { EmptyView, NotSupplierView, SkeletonCards } from '@/components/StatusView'
import { useConfirm } from '@/components/ConfirmDialog'
import { FoldText, previewImages } from '@/components/ProductCard'
import { useBatchList } from '@/hooks/useBatchList'
import { toastError } from '@/components/FormMessages/toast'
import HiddenNotice from '@/supplier/products/HiddenNotice'
import './index.scss'

function openPublish() {
  void Taro.navigateTo({ url: route('supplier/posts/publish/index') })
}

function PostRow({ post, checked, onToggle }: { post: Post; checked: boolean; onToggle: () => void }) {
  const offSale = post.products.filter((p) => !p.onSale).length
  return (
    <View className={`post-row${checked ? ' post-row-checked' : ''}`} data-post-id={post._id} onClick={onToggle}>
      <View className='post-check'>
        <Checkbox checked={checked} />
      </View>
      <View className='post-body'>
        <FoldText className='post-text' text={post.text} lines={3} />
        {post.images.length > 0 ? (
          <View className='post-images'>
            {post.images.slice(0, 4).map((url, index) => (
              <Image
                key={url}
                className='post-image'
                src={url}
                mode='aspectFill'
                onClick={(e) => {
                  e.stopPropagation()
                  previewImages(post.images, index)
                }}
              />
            ))}
            {post.images.length > 4 ? <Text className='post-images-more'>+{post.images.length - 4}</Text> : null}
          </View>
        ) : null}
        <View className='post-products'>
          {post.products.slice(0, 5).map((product) => (
            <View key={product._id} className={`post-product${product.onSale ? '' : ' post-product-off'}`}>
              {product.thumbnail ? (
                <Image className='post-product-thumb' src={product.thumbnail} mode='aspectFill' />
              ) : (
                <View className='post-product-thumb' />
              )}
              {product.onSale ? null : <Text className='post-product-off-tag'>已下架</Text>}
            </View>
          ))}
        </View>
        <View className='post-meta'>
          <Text className='post-time'>{formatShanghai(post.createdAt, 'MM-DD HH:mm')}</Text>
          <Text className='post-count'>导购商品 {post.productIds.length} 件</Text>
          {offSale > 0 ? <Text className='post-off-count'>{offSale} 件已下架</Text> : null}
        </View>
        <HiddenNotice className='post-hidden' reason={post.hiddenReason} />
      </View>
    </View>
  )
}

/** 管理动态 (R14): the supplier's posts newest first, with thumbnails and linked products; batch delete, confirmed. */
export default function PostsPage() {
  const [working, setWorking] = useState(false)
  const [notSupplier, setNotSupplier] = useState(false)
  const { confirm, dialog } = useConfirm()
  const { list, selection, loadFirst } = useBatchList<Post>(
    (cursor) =>
      callCloud('post', 'listMine', cursor ? { cursor } : {}).catch((e: unknown) => {
        if (toAppError(e).code === 'FAILED_PRECONDITION') setNotSupplier(true)
        throw e
      }),
    (p) => p._id,
  )
  const { items } = list
  const { chosen, allSelected } = selection

  const remove = async () => {
    const ids = chosen.map((p) => p._id)
    if (ids.length === 0) {
      void Taro.showToast({ title: '请先勾选动态', icon: 'none' })
      return
    }
    const ok = await confirm({
      title: '删除动态',
      content: `删除后微商将看不到这 ${ids.length} 条动态，且无法恢复。确定删除？`,
      confirmText: '删除',
      danger: true,
    })
    if (!ok) return
    setWorking(true)
    try {
      const { removed } = await callCloud('post', 'remove', { ids })
      selection.clear()
      await loadFirst(true)
      void Taro.showToast({ title: `已删除 ${removed} 条动态`, icon: 'none' })
    } catch (e) {
      toastError(e, 2500)
    } finally {
      setWorking(false)
    }
  }

  if (notSupplier) {
    return (
      <PageShell className='posts-page'>
        <NotSupplierView description='注册供应商账号后，才能发布和管理动态' />
      </PageShell>
    )
  }

  return (
    <PageShell className={`posts-page${items.length > 0 ? ' posts-page-with-bar' : ''}`}>
      <View className='posts-head'>
        <Text className='posts-tip'>动态越多、质量越高，微商转发越多</Text>
        <Button className='posts-new' size='small' type='primary' onClick={openPublish}>
          发布动态
        </Button>
      </View>
      <LoadGate
        state={list.state}
        onRetry={() => void loadFirst()}
        loading={<SkeletonCards count={3} rows={3} />}
        empty={
          <EmptyView
            className='posts-empty'
            title='还没有发布动态'
            description='发布营销动态并关联商品，微商代理在「动态」里看到后就能一键转发到朋友圈'
          >
            <Button className='posts-publish' type='primary' onClick={openPublish}>
              发布动态
            </Button>
          </EmptyView>
        }
        more={list}
      >
        {(posts) => (
          <View className='posts-list'>
            {posts.map((post) => (
              <PostRow key={post._id} post={post} checked={selection.isSelected(post)} onToggle={() => selection.toggle(post._id)} />
            ))}
          </View>
        )}
      </LoadGate>

      {items.length > 0 ? (
        <BatchBar allSelected={allSelected} count={chosen.length} onToggleAll={selection.toggleAll}>
          <Button className='batch-remove' size='small' type='danger' disabled={working} onClick={() => void remove()}>
            删除
          </Button>
        </BatchBar>
      ) : null}
      {dialog}
    </PageShell>
  )
}
