import Taro, { useRouter } from '@tarojs/taro'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import CaseList, { type CaseTab } from '@/components/Aftersale/CaseList'

type Filter = 'todo' | 'all'
const tabs: ReadonlyArray<CaseTab<Filter>> = [
  { value: 'todo', title: '待处理', empty: '没有待处理的售后' },
  { value: 'all', title: '全部', empty: '还没有售后申请' },
]

/** 售后 (R19): the supplier's cases, 待处理 first (requests to answer, returns to receive, refunds to retry). */
export default function SoldCasesPage() {
  const { params } = useRouter()
  return (
    <CaseList
      className='sold-cases-page'
      tabs={tabs}
      initial={params.filter === 'all' ? 'all' : 'todo'}
      fetchPage={(filter, cursor) => callCloud('aftersale', 'listSold', { filter, ...(cursor ? { cursor } : {}) })}
      open={(id) => void Taro.navigateTo({ url: route('supplier/aftersale/detail/index', { id }) })}
    />
  )
}
