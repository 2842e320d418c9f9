import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'

/**
 * `npm run bench` runs under tsx, which loads scripts/bench*.ts as CommonJS: a module that reaches
 * vitest (whose CommonJS entry throws) breaks the whole run, and no test runs the bench itself. Every
 * bench module is loaded here as `npm run bench` loads it, measuring nothing (bench.ts runs only as
 * the entry).
 */
const root = path.resolve(__dirname, '../..')

it('loads every bench module as npm run bench does (CommonJS under tsx, no vitest)', () => {
  const modules = readdirSync(path.join(root, 'scripts'))
    .filter((name) => /^bench.*\.ts$/.test(name))
    // bench.ts last: were its entry guard gone, the run would start only after every part loaded.
    .sort((a, b) => Number(a === 'bench.ts') - Number(b === 'bench.ts') || a.localeCompare(b))
  expect(modules).toContain('bench.ts')
  const load = `for (const m of ${JSON.stringify(modules)}) {
    try { require('./scripts/' + m) } catch (error) { console.error(m + ': ' + String(error).split('\\n')[0]); process.exit(1) }
  }
  console.log('loaded ' + ${modules.length})`
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '-e', load], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(run.stderr).toBe('')
  expect(run.stdout.trim()).toBe(`loaded ${modules.length}`)
  expect(run.status).toBe(0)
}, 120_000)
