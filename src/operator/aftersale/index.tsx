import Taro from '@tarojs/taro'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import CaseList, { type CaseTab } from '@/components/Aftersale/CaseList'
import { useSession } from '@/session'

type Filter = 'open' | 'all'
const tabs: ReadonlyArray<CaseTab<Filter>> = [
  { value: 'open', title: '待裁决', empty: '没有待裁决的售后' },
  { value: 'all', title: '全部', empty: '还没有申请平台介入的售后' },
]

/** 平台介入 (operators only; the server refuses everyone else): cases an agent asked the platform to decide. */
export default function EscalatedCasesPage() {
  const session = useSession()
  const isOperator = session.state.status === 'ready' && session.state.data.isOperator
  return (
    <CaseList
      className='escalated-cases-page'
      tabs={tabs}
      initial='open'
      when={isOperator}
      fetchPage={(filter, cursor) => callCloud('aftersale', 'listEscalated', { filter, ...(cursor ? { cursor } : {}) })}
      open={(id) => void Taro.navigateTo({ url: route('operator/aftersale/detail/index', { id }) })}
    />
  )
}
