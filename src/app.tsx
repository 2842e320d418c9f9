import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './api/cloud'
import PersonaSwitcher from './components/PersonaSwitcher'
import { SessionProvider } from './session'

import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
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
