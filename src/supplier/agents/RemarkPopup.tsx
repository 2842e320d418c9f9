import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { REMARK_MAX, type Agent } from '@/domain/network'
import { callCloud, toAppError } from '@/api/cloud'
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
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (agent) {
      setDraft(agent.remark)
      setError('')
    }
  }, [agent])

  const save = async () => {
    if (!agent) return
    setSaving(true)
    setError('')
    try {
      const next = await callCloud('network', 'setRemark', { agentOpenid: agent.agentOpenid, remark: draft.trim() })
      onSaved(next)
      void Taro.showToast({ title: '备注已保存', icon: 'success' })
    } catch (e) {
      // Keep what was typed; say what went wrong.
      setError(toAppError(e).message)
    } finally {
      setSaving(false)
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
      error={error}
      saving={saving}
      onChange={(value) => {
        setDraft(value)
        setError('')
      }}
      onSave={() => void save()}
      onClose={onClose}
    />
  )
}
