import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { canMove, REFUSAL_REASONS } from '@/domain/aftersale'
import { RefuseAftersaleInput, type Aftersale } from '@/domain/aftersale-schemas'
import type { ActionArgs } from '@/domain/api'
import { checkWith } from '@/domain/errors'
import { formatFen } from '@/domain/money'
import { route } from '@/domain/routes'
import { callCloud } from '@/api/cloud'
import { useConfirm } from '@/components/ConfirmDialog'
import CaseShell from '@/components/Aftersale/CaseShell'
import WordsPopup from '@/components/Aftersale/WordsPopup'
import { useCase } from '@/components/Aftersale/useCase'
import AgreeReturnPopup from './AgreeReturnPopup'

type Sheet = 'agreeReturn' | 'refuse' | 'refuseReceipt' | null

/** 售后详情 for the supplier (R19): the case, and its answers: agree, refuse, receive the return, retry a refund. */
export default function SoldCasePage() {
  const { id, state, reload, show, act, working } = useCase()
  const { confirm, dialog } = useConfirm()
  const [sheet, setSheet] = useState<Sheet>(null)
  const moved = (next: Aftersale) => {
    setSheet(null)
    show(next)
  }

  const agreeRefund = (item: Aftersale) =>
    act(async () => {
      const ok = await confirm({
        title: '同意退款',
        content: `同意后将通过微信支付退还代理 ${formatFen(item.amountFen)}，确定同意？`,
        confirmText: '同意退款',
      })
      return ok ? callCloud('aftersale', 'agree', { id: item._id }) : null
    }, '已同意，退款中')
  const receive = (item: Aftersale) =>
    act(async () => {
      const ok = await confirm({
        title: '确认收货',
        content: `确认已收到退回的商品？确认后将退还代理 ${formatFen(item.amountFen)}。`,
        confirmText: '确认收货',
      })
      return ok ? callCloud('aftersale', 'confirmReceipt', { id: item._id }) : null
    }, '已确认收货，退款中')
  const retry = (item: Aftersale) =>
    act(async () => {
      const ok = await confirm({ title: '重新退款', content: '请确认商户号余额充足后再重新发起退款。', confirmText: '重新退款' })
      return ok ? callCloud('aftersale', 'agree', { id: item._id }) : null
    }, '已重新发起退款')

  const actions = (item: Aftersale) => (
    <>
      {canMove(item, 'agree', 'supplier') ? (
        <>
          <Button className='case-refuse' fill='outline' onClick={() => setSheet('refuse')}>
            拒绝
          </Button>
          <Button
            className='case-agree'
            type='primary'
            loading={working}
            onClick={() => (item.kind === 'return_refund' ? setSheet('agreeReturn') : void agreeRefund(item))}
          >
            {item.kind === 'return_refund' ? '同意退货' : '同意退款'}
          </Button>
        </>
      ) : null}
      {canMove(item, 'confirmReceipt', 'supplier') ? (
        <>
          <Button className='case-refuse-receipt' fill='outline' onClick={() => setSheet('refuseReceipt')}>
            拒绝收货
          </Button>
          <Button className='case-confirm-receipt' type='primary' loading={working} onClick={() => void receive(item)}>
            确认收货
          </Button>
        </>
      ) : null}
      {canMove(item, 'retryRefund', 'supplier') ? (
        <Button className='case-retry-refund' type='primary' loading={working} onClick={() => void retry(item)}>
          重新退款
        </Button>
      ) : null}
    </>
  )

  const refuseCheck = (item: Aftersale) => (words: { reason: string; note: string; photos: string[] }) =>
    checkWith(RefuseAftersaleInput, { id: item._id, ...words })
  const refuse = (input: ActionArgs<'aftersale', 'refuse'>) => callCloud('aftersale', 'refuse', input)

  return (
    <>
      <CaseShell
        id={id}
        state={state}
        reload={reload}
        viewer='supplier'
        listUrl={route('supplier/aftersale/index')}
        actions={actions}
        sheets={(item) => (
          <>
            <AgreeReturnPopup item={item} visible={sheet === 'agreeReturn'} onClose={() => setSheet(null)} onDone={moved} />
            <WordsPopup
              visible={sheet === 'refuse' || sheet === 'refuseReceipt'}
              title={sheet === 'refuseReceipt' ? '拒绝收货' : '拒绝申请'}
              reasons={REFUSAL_REASONS}
              noteLabel='说明（代理和平台都会看到）'
              withPhotos
              confirmText={sheet === 'refuseReceipt' ? '拒绝收货' : '拒绝申请'}
              check={refuseCheck(item)}
              send={refuse}
              onClose={() => setSheet(null)}
              onDone={moved}
            />
          </>
        )}
      />
      {dialog}
    </>
  )
}
