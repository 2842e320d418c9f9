/**
 * Bundles the demo deployment's entry (demo/main.ts) into dist/local/main.cjs for `npm start` and
 * `npm run cloud` (see local/build.ts for why a bundle).
 *
 *   tsx demo/build.ts
 */
import path from 'node:path'
import { bundleLocalCloud } from '../local/build'

const root = path.resolve(__dirname, '..')
export const LOCAL_CLOUD_BUNDLE = path.join(root, 'dist', 'local', 'main.cjs')

export function buildLocalCloud(): Promise<void> {
  return bundleLocalCloud(path.join(__dirname, 'main.ts'), LOCAL_CLOUD_BUNDLE)
}

if (require.main === module) {
  buildLocalCloud().then(
    () => console.log(`built the local cloud → ${path.relative(root, LOCAL_CLOUD_BUNDLE)}`),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
