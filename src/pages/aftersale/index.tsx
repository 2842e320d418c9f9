import Taro, { useRouter } from '@tarojs/taro'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import CaseList, { type CaseTab } from '@/components/Aftersale/CaseList'

type Filter = 'open' | 'all'
const tabs: ReadonlyArray<CaseTab<Filter>> = [
  { value: 'open', title: '进行中', empty: '没有进行中的售后' },
  { value: 'all', title: '全部', empty: '还没有申请过售后' },
]

/** 我的售后 (R19): the agent's cases, open ones first; from 我的订单. */
export default function MyCasesPage() {
  const { params } = useRouter()
  return (
    <CaseList
      className='my-cases-page'
      tabs={tabs}
      initial={params.filter === 'all' ? 'all' : 'open'}
      fetchPage={(filter, cursor) => callCloud('aftersale', 'listMine', { filter, ...(cursor ? { cursor } : {}) })}
      open={(id) => void Taro.navigateTo({ url: route('pages/aftersale/detail/index', { id }) })}
    />
  )
}
