import Taro, { useRouter } from '@tarojs/taro'
import type { Page } from '@/domain/routes'

function decode(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return ''
  }
}

/**
 * What a mini-program code opened `page` with: WeChat passes the code's scene URL-encoded as the
 * page's `scene` parameter, and in the launch options when the code cold-starts the app; in H5 the
 * code links to the page's hash with `?scene=`. The app's own links may name it `param` instead
 * (e.g. `?id=`), which is read first. Empty when there is none.
 */
export function useCodeScene(page: Page, param?: string): string {
  const { params } = useRouter()
  const own = param ? params[param] : undefined
  if (own) return decode(own)
  if (params.scene) return decode(params.scene)
  try {
    const launch = Taro.getLaunchOptionsSync()
    const query: Record<string, unknown> = launch.query
    if (launch.path === page && typeof query.scene === 'string') return decode(query.scene)
  } catch {
    // Not launched by a code: nothing to read.
  }
  return ''
}
