import { useShareAppMessage } from '@tarojs/taro'
import PageShell from '@/components/PageShell'
import ShareView from '@/components/ShareView'
import { useCodeScene } from '@/hooks/useCodeScene'
import { route } from '@/domain/routes'

/**
 * The customer view (R16) of a shared card or a poster's code: `?token=` from a card, `scene` from
 * the code. No login and no tab bar, so it also works in Moments' single-page mode.
 */
export default function SharePage() {
  const token = useCodeScene('pages/share/index', 'token')
  // A customer may pass it on: the same view, the same agent.
  useShareAppMessage(() => ({ title: '给你分享一件好物', path: route('pages/share/index', { token }) }))
  return (
    <PageShell className='share-page'>
      <ShareView token={token} />
    </PageShell>
  )
}
