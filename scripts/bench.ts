/**
 * `npm run bench`: the project's performance record (README "Performance record"). Every figure is printed as
 * `name value unit`, each measured in the same run beside its reference:
 * - the phone (bench-phone.ts): weapp packages as WeChat's compiler outputs them against a floor app
 *   with the same NutUI components; the H5 feed's first product card against a bare Taro page; the
 *   bytes a 9-photo product uploads against the camera's originals;
 * - the local cloud (bench-cloud.ts): cold start, per-call overhead, throughput, memory at 100k products;
 * - cost per user action and latency at 1k and 100k products (bench-scale.ts);
 * - a share gone viral: cost per customer open, p95 of a burst against one open, exact counts (bench-viral.ts);
 * - refunds: the cost of order.refund and of WeChat Pay's refund notice, first and repeated (bench-refunds.ts);
 * - after-sales: the cost of each move of a case, and each list's reads at 10 and 1,000 cases (bench-aftersales.ts);
 * - 我的小店: a customer's open of a storefront and of a product in it at 1k and 100k products (bench-storefront.ts);
 * - the stress run's figures (dist/reports/stress.txt from `npm run test:stress`), as `stress_…`;
 * - the whole run's time.
 * Figures are measured, never asserted: this is not a test. Each budget is printed on stderr;
 * `--check` exits 1 when one is broken. `--cloud-only` skips the phone (the weapp and H5 builds).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildLocalCloud } from '../demo/build'
import { aftersaleFigures } from './bench-aftersales'
import { cloudFigures } from './bench-cloud'
import { type BudgetResult, printBudgets, printFigure } from './bench-figures'
import { h5Figures, weappFigures } from './bench-phone'
import { scaleFigures } from './bench-scale'
import { refundFigures } from './bench-refunds'
import { storefrontFigures } from './bench-storefront'
import { viralFigures } from './bench-viral'

const root = path.resolve(__dirname, '..')
/** The whole run must stay under ten minutes on the project's 2-core machine. */
const RUN_BUDGET_S = 600

const figure = printFigure

/** `npm run test:stress` leaves its figures here, as `name value unit` lines. */
function stressFigures(): void {
  const file = path.join(root, 'dist/reports/stress.txt')
  if (!existsSync(file)) return
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim() !== '') console.log(`stress_${line.trim()}`)
}

async function main(): Promise<void> {
  const started = performance.now()
  const check = process.argv.includes('--check')
  const budgets: BudgetResult[] = []
  const budget = (name: string, ok: boolean, detail: string) => {
    budgets.push({ name, ok, detail })
  }
  // What the parts run, built once before any: the functions, and the local cloud's bundle that the
  // H5 part serves the app from and the cloud part measures (on a fresh clone neither exists).
  execFileSync('npx', ['tsx', 'cloudfunctions/build.ts'], { cwd: root, stdio: 'ignore' })
  await buildLocalCloud()
  if (!process.argv.includes('--cloud-only')) {
    await weappFigures(figure, budget)
    await h5Figures(figure, budget)
  }
  await cloudFigures(figure, budget)
  budgets.push(...(await scaleFigures(figure)))
  await viralFigures(figure, budget)
  await refundFigures(figure)
  await aftersaleFigures(figure, budget)
  await storefrontFigures(figure, budget)
  stressFigures()
  const total = (performance.now() - started) / 1000
  figure('bench_total_time', total, 's')
  budget('bench_total_time', total <= RUN_BUDGET_S, `${total.toFixed(0)} s (≤ ${RUN_BUDGET_S} s)`)

  const broken = budgets.filter((b) => !b.ok)
  printBudgets(budgets)
  if (check && broken.length > 0) {
    console.error(`${broken.length} of ${budgets.length} budgets broken`)
    process.exit(1)
  }
}

// Run only as the entry (`npm run bench`): tests/unit/bench-modules.test.ts loads this file to prove its imports load.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
