import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { configure as configureIcons } from '@nutui/icons-react-taro'
import { initCloud } from './api/cloud'
import { listenForConsent } from './api/privacy'
import PersonaSwitcher from './components/PersonaSwitcher'
import { SessionProvider } from './session'

import './app.scss'

// NutUI's icons (spinners, clear buttons, search glyphs, checkbox ticks) are an SVG mask on an
// HTML <i> by default. A mini-program has templates only for its own components, so without Taro's
// HTML plugin every <i> is dropped; a <view> with the same classes and mask renders. H5 keeps <i>.
if (process.env.TARO_ENV !== 'h5') configureIcons({ tag: 'view' })

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    listenForConsent()
  })

  // children are the pages; the session is shared by all of them. The persona switcher is H5 only
  // (one floating button over every page; an empty component in the mini-program).
  return (
    <SessionProvider>
      {children}
      <PersonaSwitcher />
    </SessionProvider>
  )
}

export default App
