import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'

/** A folder for the files the supplier picks on its "phone" (the browser's file chooser), removed after the test file. */
export function pickedFiles(): { readonly dir: string } {
  let dir = ''
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return {
    get dir() {
      dir ||= mkdtempSync(path.join(tmpdir(), 'wegong-e2e-files-'))
      return dir
    },
  }
}

/** Real image files, drawn by the browser into `dir`: a PNG and a JPEG of a few KB. */
export async function makeImages(page: Page, dir: string): Promise<{ png: string; jpeg: string }> {
  const [png, jpeg] = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 240
    canvas.height = 240
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no canvas')
    context.fillStyle = '#ff6a00'
    context.fillRect(0, 0, 240, 240)
    context.fillStyle = '#ffffff'
    context.fillRect(60, 60, 120, 120)
    return [canvas.toDataURL('image/png'), canvas.toDataURL('image/jpeg', 0.9)]
  })
  const write = (name: string, dataUrl: string) => {
    const file = path.join(dir, name)
    writeFileSync(file, Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'))
    return file
  }
  return { png: write('red.png', png), jpeg: write('blue.jpg', jpeg) }
}

/** Picks `paths` in the image grid of `card` (a spec's, a post's) and waits until each is uploaded. */
export async function addImages(page: Page, card: string, paths: string[]): Promise<void> {
  const grid = page.locator(card)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), grid.locator('.spec-image-add').click()])
  await chooser.setFiles(paths)
  await expect
    .poll(() => grid.locator('.spec-image:not(.spec-image-pending):not(.spec-image-add)').count(), { timeout: 15_000 })
    .toBe(paths.length)
}
