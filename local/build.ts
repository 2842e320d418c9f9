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
 * In a bundle every module's `__dirname` would be the bundle's folder. This plugin gives each module
 * matching `filter` its own, written by `folderOf` from the module's real folder: the local cloud's
 * sources find files next to them (runner/worker.cjs, ../cloudfunctions/database.json); the bundled
 * SDK reads its own package.json (runner/sdk-bundle.ts).
 */
export function moduleDirname(filter: RegExp, loader: 'ts' | 'js', folderOf: (dir: string) => string): Plugin {
  return {
    name: 'module-dirname',
    setup(plugin) {
      plugin.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, 'utf8')
        if (!source.includes('__dirname')) return undefined
        // The name in code, not in quotes (this file searches for it).
        return { contents: source.replace(/(?<!['"`])\b__dirname\b/g, folderOf(path.dirname(args.path))), loader }
      })
    },
  }
}

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
    // Written relative to the bundle, so the checkout can move.
    plugins: [
      moduleDirname(/[\\/]local[\\/].*\.ts$/, 'ts', (dir) => {
        const relative = path.relative(path.dirname(outfile), dir).split(path.sep).join('/')
        return `require('node:path').join(__dirname, ${JSON.stringify(relative)})`
      }),
    ],
    logLevel: 'warning',
    legalComments: 'none',
  })
}
