import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { canMove } from '@/domain/aftersale'
import { EscalateAftersaleInput, type Aftersale } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { useConfirm } from '@/components/ConfirmDialog'
import CaseShell from '@/components/Aftersale/CaseShell'
import WordsPopup from '@/components/Aftersale/WordsPopup'
import { useCase } from '@/components/Aftersale/useCase'
import ReturnShipPopup from './ReturnShipPopup'

type Sheet = 'escalate' | 'returnShip' | null

/** 售后详情 for the agent (R19): the case, and what the agent may do in its status. */
export default function AgentCasePage() {
  const { id, state, reload, show, act, working } = useCase()
  const { confirm, dialog } = useConfirm()
  const [sheet, setSheet] = useState<Sheet>(null)
  const moved = (next: Aftersale) => {
    setSheet(null)
    show(next)
  }

  const withdraw = (item: Aftersale) =>
    act(async () => {
      const ok = await confirm({
        title: '撤销申请',
        content: '撤销后本次售后关闭，确定撤销？',
        confirmText: '撤销申请',
        danger: true,
      })
      return ok ? callCloud('aftersale', 'withdraw', { id: item._id }) : null
    }, '已撤销申请')

  const actions = (item: Aftersale) => {
    return (
      <>
        {canMove(item, 'withdraw', 'agent') ? (
          <Button className='case-withdraw' fill='outline' disabled={working} onClick={() => void withdraw(item)}>
            撤销申请
          </Button>
        ) : null}
        {canMove(item, 'escalate', 'agent') ? (
          <Button className='case-escalate' fill='outline' type='primary' onClick={() => setSheet('escalate')}>
            申请平台介入
          </Button>
        ) : null}
        {canMove(item, 'reapply', 'agent') ? (
          <Button
            className='case-reapply'
            type='primary'
            onClick={() => void Taro.navigateTo({ url: route('pages/aftersale/apply/index', { orderId: item.orderId }) })}
          >
            修改后重新申请
          </Button>
        ) : null}
        {canMove(item, 'returnShip', 'agent') ? (
          <Button className='case-return-ship' type='primary' onClick={() => setSheet('returnShip')}>
            填写退货物流
          </Button>
        ) : null}
      </>
    )
  }

  return (
    <>
      <CaseShell
        id={id}
        state={state}
        reload={reload}
        viewer='agent'
        listUrl={route('pages/aftersale/index')}
        actions={actions}
        sheets={(item) => (
          <>
            <WordsPopup
              visible={sheet === 'escalate'}
              title='申请平台介入'
              noteLabel='说明（平台将看到双方的说明和凭证）'
              withPhotos
              confirmText='提交平台介入'
              check={(words) => checkWith(EscalateAftersaleInput, { id: item._id, note: words.note, photos: words.photos })}
              send={(input: ActionArgs<'aftersale', 'escalate'>) => callCloud('aftersale', 'escalate', input)}
              onClose={() => setSheet(null)}
              onDone={moved}
            />
            <ReturnShipPopup item={item} visible={sheet === 'returnShip'} onClose={() => setSheet(null)} onDone={moved} />
          </>
        )}
      />
      {dialog}
    </>
  )
}
