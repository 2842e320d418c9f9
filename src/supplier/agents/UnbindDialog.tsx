import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import type { Agent } from '@/domain/network'
import { callCloud } from '@/api/cloud'
import { toastError } from '@/components/FormMessages/toast'

/** Removing an agent (R12) ends the binding, so it is confirmed in Chinese first (SPEC §6). */
export default function UnbindDialog({
  agent,
  onClose,
  onRemoved,
}: {
  agent: Agent | null
  onClose: () => void
  onRemoved: (agent: Agent) => void
}) {
  const remove = async () => {
    onClose()
    if (!agent) return
    try {
      await callCloud('network', 'unbind', { agentOpenid: agent.agentOpenid })
      onRemoved(agent)
      void Taro.showToast({ title: '已移除', icon: 'success' })
    } catch (e) {
      toastError(e, 2500)
    }
  }

  return (
    <Dialog
      className='unbind-dialog'
      visible={agent !== null}
      title='移除微商'
      confirmText='移除'
      cancelText='取消'
      onConfirm={() => void remove()}
      onCancel={onClose}
      onClose={onClose}
    >
      <Text className='unbind-text'>确定移除「{agent?.nickname ?? ''}」吗？移除后TA将看不到你的商品。</Text>
    </Dialog>
  )
}
