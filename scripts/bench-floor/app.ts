import type { PropsWithChildren } from 'react'

/** The floor the bench compares against: a bare Taro 4 React app with one page. */
export default function App({ children }: PropsWithChildren) {
  return children
}
