/**
 * Bundles an entry that starts the local cloud (the product's: demo/main.ts, built by
 * demo/build.ts for `npm start` and `npm run cloud`) into one CommonJS file. Started through tsx it
 * spent most of its cold start compiling TypeScript and starting tsx's own CLI process (≈2 s here,
 * against a cold-start budget of 1 s); the bundle starts on plain Node. Packages stay external
 * (loaded from node_modules as they are).
 */
import { build, type Plugin } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')

/**
 * In a bundle every module's `__dirname` would be the bundle's folder; the local cloud finds files
 * next to its sources (runner/worker.cjs, ../cloudfunctions/database.json), so each module keeps
 * its own folder, written relative to the bundle so the checkout can move.
 */
const moduleDirname = (outfile: string): Plugin => ({
  name: 'module-dirname',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]local[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('__dirname')) return undefined
      const relative = path.relative(path.dirname(outfile), path.dirname(args.path)).split(path.sep).join('/')
      return {
        // The name in code, not in quotes (runner/sdk-bundle.ts searches other files for it).
        contents: source.replace(/(?<!['"`])\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(relative)})`),
        loader: 'ts',
      }
    })
  },
})

export async function bundleLocalCloud(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [moduleDirname(outfile)],
    logLevel: 'warning',
    legalComments: 'none',
  })
}
