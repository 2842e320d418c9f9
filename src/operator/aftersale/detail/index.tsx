import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { canMove } from '@/domain/aftersale'
import type { Aftersale } from '@/domain/aftersale-schemas'
import { route } from '@/domain/routes'
import { useConfirm } from '@/components/ConfirmDialog'
import CaseShell from '@/components/Aftersale/CaseShell'
import { useCase } from '@/components/Aftersale/useCase'
import DecidePopup from './DecidePopup'

/** 平台裁决 (R19): both sides' words and photos (协商历史), the order, and the decision on an escalated case. */
export default function DecisionPage() {
  const { id, state, reload, show } = useCase()
  const { confirm, dialog } = useConfirm()
  const [deciding, setDeciding] = useState(false)
  return (
    <>
      <CaseShell
        id={id}
        state={state}
        reload={reload}
        viewer='operator'
        listUrl={route('operator/aftersale/index')}
        actions={(item) =>
          canMove(item, 'decideRefund', 'operator') ? (
            <Button className='case-decide' type='primary' onClick={() => setDeciding(true)}>
              裁决
            </Button>
          ) : null
        }
        sheets={(item) => (
          <DecidePopup
            item={item}
            visible={deciding}
            confirm={confirm}
            onClose={() => setDeciding(false)}
            onDone={(next: Aftersale) => {
              setDeciding(false)
              show(next)
            }}
          />
        )}
      />
      {dialog}
    </>
  )
}
