import { chromium, type Browser } from 'playwright-core'

/**
 * Debian's Chromium as the e2e tests and the bench drive it (Playwright never downloads a browser
 * here). The machine's network is closed: keep Chromium from reaching out at start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
