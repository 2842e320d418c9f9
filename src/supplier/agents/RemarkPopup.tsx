import { useState } from 'react'
import { REMARK_MAX, type Agent } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import TextFieldPopup from '@/components/TextFieldPopup'

/** The remark editor (R13): the supplier's own note on an agent, shown under the nickname. */
export default function RemarkPopup({
  agent,
  onClose,
  onSaved,
}: {
  agent: Agent | null
  onClose: () => void
  onSaved: (next: Agent) => void
}) {
  const [draft, setDraft] = useState('')
  // Keeps what was typed on a refusal and says what went wrong.
  const { errors, formError, saving, submit, report, clear } = useFormSubmit({
    check: () => (agent ? { ok: true, input: { agentOpenid: agent.agentOpenid, remark: draft.trim() } } : { ok: false, errors: {} }),
    send: (input: { agentOpenid: string; remark: string }) => callCloud('network', 'setRemark', input),
    toast: '备注已保存',
    done: onSaved,
  })
  // Each agent opened starts from its own remark.
  const [editing, setEditing] = useState<Agent | null>(null)
  if (editing !== agent) {
    setEditing(agent)
    if (agent) {
      setDraft(agent.remark)
      report({})
    }
  }

  return (
    <TextFieldPopup
      name='remark'
      visible={agent !== null}
      title='编辑备注'
      description={agent ? `给「${agent.nickname}」写个备注，只有你能看到` : ''}
      value={draft}
      placeholder='如：杭州老客户、宝妈群团长'
      max={REMARK_MAX}
      error={errors.remark ?? formError}
      saving={saving}
      onChange={(value) => {
        setDraft(value)
        clear('remark')
      }}
      onSave={() => void submit()}
      onClose={onClose}
    />
  )
}
