/**
 * H5 only (local cloud, browser tests, demos): who the app speaks for. Production identity comes
 * from WeChat; the local gateway reads this openid from the `x-wegong-openid` header instead.
 */
export interface Persona {
  openid: string
  label: string
  hint: string
}

const STORAGE_KEY = 'wegong.persona'
const DEFAULT_OPENID = 'demo-agent-1'
/** Chosen in the switcher: a brand-new user each time. */
export const NEW_USER = 'new-user'

export const personaEnabled = true

export const personas: readonly Persona[] = [
  { openid: 'demo-supplier', label: '演示供应商', hint: '管理商品、代理和订单' },
  { openid: 'demo-agent-1', label: '演示代理·小美', hint: '已合作的微商代理' },
  { openid: 'demo-agent-2', label: '演示代理·阿强', hint: '已合作的微商代理' },
  { openid: 'demo-operator', label: '平台运营', hint: '审核供应商资质' },
  { openid: NEW_USER, label: '新用户', hint: '每次都是一个全新的微信用户' },
]

/** Where the persona lives when localStorage is unavailable. */
let memory: string | null = null

const listeners = new Set<(openid: string) => void>()

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function store(openid: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, openid)
  } catch {
    // Private mode without storage: the persona lasts until the page reloads.
  }
  memory = openid
}

/** `?as=<openid>` in the page URL or its hash query (tests use it) wins over the stored persona. */
function fromUrl(): string | null {
  const queries = [window.location.search, window.location.hash.split('?')[1] ?? '']
  for (const query of queries) {
    const as = new URLSearchParams(query).get('as')
    if (as && /^[\w.-]{1,64}$/.test(as)) return as
  }
  return null
}

function randomUserOpenid(): string {
  return `h5-user-${Math.random().toString(36).slice(2, 10)}`
}

/** The `?as=` value already applied, so a stale one in the URL does not undo a later switch. */
let appliedFromUrl: string | null = null

function applyUrlPersona(): boolean {
  const requested = fromUrl()
  if (!requested || requested === appliedFromUrl) return false
  appliedFromUrl = requested
  const changed = requested !== (stored() ?? memory)
  store(requested)
  return changed
}

export function currentOpenid(): string {
  applyUrlPersona()
  const known = stored() ?? memory
  if (known) return known
  store(DEFAULT_OPENID)
  return DEFAULT_OPENID
}

/** Switch to a persona (NEW_USER makes a fresh openid); returns the openid now in use. */
export function choosePersona(openid: string): string {
  const next = openid === NEW_USER ? randomUserOpenid() : openid
  store(next)
  listeners.forEach((listener) => listener(next))
  return next
}

export function onPersonaChange(listener: (openid: string) => void): () => void {
  listeners.add(listener)
  const onHash = () => {
    if (applyUrlPersona()) listener(currentOpenid())
  }
  window.addEventListener('hashchange', onHash)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('hashchange', onHash)
  }
}
