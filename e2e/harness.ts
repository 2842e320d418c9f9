import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './chromium'
import { startLocalCloud } from '../local/cloud'
import { demoFunctionEnv } from '../demo/function-env'
import { demoStorageWriteRule } from '../demo/storage-rule'
import { seedDemo } from '../demo/seed'

const root = path.resolve(__dirname, '..')
export const DEMO_OPERATOR = 'demo-operator'

/** A tier as the supplier document stores it (the e2e files read tiers from the store, never assume them). */
export interface StoredTier {
  id: string
  name: string
  rank: number
}

/**
 * The app as a user meets it: the H5 build (npm run build:h5) served by the local cloud on demo
 * data, driven in Debian's Chromium. Each persona gets its own browser context, as two phones would.
 */
export async function startApp() {
  const h5Dir = path.join(root, 'dist/h5')
  if (!existsSync(path.join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` first')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-e2e-'))
  const cloud = await startLocalCloud({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    functionsDir: path.join(root, 'dist/cloudfunctions'),
    seed: seedDemo,
    operators: [DEMO_OPERATOR],
    // Configured like npm start: the cloudPay merchant and the subscribe-message templates.
    functionEnv: demoFunctionEnv,
    storageWriteRule: demoStorageWriteRule,
    staticDir: h5Dir,
  })
  const browser: Browser = await launchChromium()

  /** Opens a page of the app (e.g. 'pages/mine/index' or 'pages/bind/index?scene=x') acting as the given OPENID. */
  async function openAs(openid: string, pagePath: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const page = await context.newPage()
    await page.goto(`${cloud.url}/#/${pagePath}${pagePath.includes('?') ? '&' : '?'}as=${encodeURIComponent(openid)}`)
    return page
  }

  /** Calls a cloud function as the given OPENID, as a test's other actor (e.g. the supplier delisting) does. */
  async function call(fn: string, openid: string, event: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(`${cloud.url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
      body: JSON.stringify(event),
    })
    return response.json()
  }

  return {
    cloud,
    db: cloud.db,
    openAs,
    call,
    async close() {
      await browser.close()
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
export type App = Awaited<ReturnType<typeof startApp>>
