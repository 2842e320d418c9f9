import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { Aftersale } from '@/domain/aftersale-schemas'
import { callCloud } from '@/api/cloud'
import { useLoader } from '@/hooks/useLoader'
import { toastError } from '@/components/FormMessages/toast'

/**
 * A case page's data: the case of the page's `id` (again on every show, as the other side may have
 * moved it), and `act` for a move without a form — confirmed, sent, the answer shown, a refusal
 * toasted and the case read again.
 */
export function useCase() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const loader = useLoader(() => callCloud('aftersale', 'get', { id }), { when: Boolean(id), key: id, onShow: true })
  const [working, setWorking] = useState(false)
  const show = (next: Aftersale) => loader.setState({ status: 'ready', data: next })

  const act = async (work: () => Promise<Aftersale | null>, done: string) => {
    setWorking(true)
    try {
      const next = await work()
      if (next) {
        show(next)
        void Taro.showToast({ title: done, icon: 'none' })
      }
    } catch (e) {
      toastError(e)
      void loader.reload()
    } finally {
      setWorking(false)
    }
  }

  return { id, ...loader, show, act, working }
}
