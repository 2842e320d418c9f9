/** The persona switcher exists only in the H5 build (index.h5.tsx); the mini-program has none. */
export default function PersonaSwitcher() {
  return null
}
