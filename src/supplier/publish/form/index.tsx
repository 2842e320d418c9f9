import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '@/components/PageShell'
import LoadGate from '@/components/LoadGate'
import { NoticeView } from '@/components/StatusView'
import { useSession } from '@/session'
import { route } from '@/domain/routes'
import PublishBlockedView from '../PublishBlockedView'
import ProductForm from './ProductForm'
import { usePublishData } from './usePublishData'
import './index.scss'

function NotSupplierNotice() {
  return (
    <NoticeView
      title='你还不是供应商'
      description='注册供应商账号后，才能发布商品'
      actionText='成为供应商'
      onAction={() => void Taro.redirectTo({ url: route('supplier/register/index') })}
    />
  )
}

/** 发布商品详情 (R3–R7), also 修改商品 with `?id=`; only a supplier that may publish (R2) gets the form. */
export default function PublishFormPage() {
  const { params } = useRouter()
  const productId = params.id || undefined
  const category = params.category ? decodeURIComponent(params.category) : ''
  const session = useSession()
  const { state, reload } = usePublishData(productId, params.shopItemId)

  return (
    <PageShell className='publish-form-page'>
      <LoadGate state={session.state} onRetry={() => void session.refresh()}>
        {({ supplier }) =>
          !supplier ? (
            <NotSupplierNotice />
          ) : !supplier.canPublish ? (
            <PublishBlockedView supplier={supplier} />
          ) : (
            <LoadGate state={state} onRetry={() => void reload()}>
              {(data) => <ProductForm supplier={supplier} productId={productId} category={category} data={data} />}
            </LoadGate>
          )
        }
      </LoadGate>
    </PageShell>
  )
}
