import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterAll, describe, expect, it } from 'vitest'
import { startTestCloud } from './helpers'

const dataDir = mkdtempSync(join(tmpdir(), 'wegong-restart-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('restart', () => {
  it('when the cloud restarts on the same data dir, then documents, files, unexpired temp URLs and the clock survive', async () => {
    const png = await QRCode.toBuffer('kept', { type: 'png' })
    const first = await startTestCloud({ dataDir })
    const { body: note } = await first.call('notes', { action: 'add', text: 'kept across restarts' }, 'o-restart')
    const { body: file } = await first.call(
      'files',
      { action: 'upload', cloudPath: 'kept/a.png', base64: png.toString('base64') },
      'o-restart',
    )
    const { body: temp } = await first.call('files', { action: 'tempUrl', fileID: file.fileID }, 'o-restart')
    await first.request('/_local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 3_600_000 }),
    })
    const offset = first.clock.offsetMs
    await first.close()

    const second = await startTestCloud({ dataDir })
    try {
      const { body: got } = await second.call('notes', { action: 'get', id: note._id }, 'o-restart')
      expect(got).toMatchObject({ _id: note._id, text: 'kept across restarts', _openid: 'o-restart' })
      expect(second.clock.offsetMs).toBe(offset)
      const served = await fetch(encodeURI(temp.tempFileURL.replace(/:\d+\//, `:${second.port}/`)))
      expect(served.status).toBe(200)
      expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    } finally {
      await second.close()
    }
  })
})
