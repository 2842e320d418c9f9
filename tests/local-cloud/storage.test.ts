import { existsSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uploadAreaOf } from '../../cloudfunctions/lib/uploads'
import { type TestCloud, startTestCloud } from './helpers'

let cloud: TestCloud
let png: Buffer

beforeAll(async () => {
  cloud = await startTestCloud()
  png = await QRCode.toBuffer('a small real PNG', { type: 'png' })
})
afterAll(() => cloud.destroy())

const files = (event: Record<string, unknown>, openid = 'o-files') => cloud.call('files', event, openid)

describe('storage through the SDK', () => {
  it('when a function uploads, gets a temp URL and downloads, then the bytes come back and expire on time', async () => {
    const upload = await files({ action: 'upload', cloudPath: 'products/红色 M.png', base64: png.toString('base64') })
    expect(upload.status).toBe(200)
    expect(upload.body.fileID).toBe('cloud://local-env.local/products/红色 M.png')
    expect(upload.headers.get('x-wegong-storage-ops')).toBe('1')
    expect(existsSync(join(cloud.dataDir, 'files', 'products', '红色 M.png'))).toBe(true)

    const temp = await files({ action: 'tempUrl', fileID: upload.body.fileID, maxAge: 60 })
    expect(temp.body).toMatchObject({ status: 0, maxAge: 60, tempFileURL: expect.stringContaining(`${cloud.url}/files/products/红色 M.png?expires=`) })
    const served = await fetch(encodeURI(temp.body.tempFileURL))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)

    const download = await files({ action: 'download', fileID: upload.body.fileID })
    expect(Buffer.from(download.body.base64, 'base64').equals(png)).toBe(true)

    await cloud.request('/_local/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 61_000 }) })
    const expired = await fetch(encodeURI(temp.body.tempFileURL))
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('when a file is deleted, then it is gone for temp URLs and downloads, and a second delete reports it missing', async () => {
    const { body } = await files({ action: 'upload', cloudPath: 'tmp/gone.png', base64: png.toString('base64') })
    const deleted = await files({ action: 'delete', fileIDs: [body.fileID, 'cloud://local-env.local/never/was.png'] })
    expect(deleted.body).toEqual([
      { fileID: body.fileID, status: 0 },
      { fileID: 'cloud://local-env.local/never/was.png', status: -503003 },
    ])
    expect((await files({ action: 'tempUrl', fileID: body.fileID })).body).toMatchObject({ status: -503003, tempFileURL: '' })
    expect((await files({ action: 'download', fileID: body.fileID })).body.error).toMatch(/does not exist/)
  })

  it('when no max age is given, then the temp URL lives one day', async () => {
    const { body } = await files({ action: 'upload', cloudPath: 'tmp/day.png', base64: png.toString('base64') })
    const temp = await files({ action: 'tempUrl', fileID: body.fileID })
    expect(temp.body.maxAge).toBe(86_400)
  })

  it('when a function uploads to a traversing path, then the SDK call fails and nothing is written', async () => {
    const reply = await files({ action: 'uploadUnsafe' })
    expect(reply.body).toMatchObject({ threw: true, message: expect.stringContaining('not a safe relative path') })
    expect(existsSync(join(cloud.dataDir, 'escape.png'))).toBe(false)
  })
})

describe('temp URLs on the gateway', () => {
  it('when the signature is forged or the path traverses, then the file is refused', async () => {
    const { body } = await files({ action: 'upload', cloudPath: 'safe/a.png', base64: png.toString('base64') })
    const temp = (await files({ action: 'tempUrl', fileID: body.fileID })).body.tempFileURL as string
    expect((await fetch(temp.replace('safe/a.png', 'safe/b.png'))).status).toBe(403)
    expect((await fetch(temp.replace(/sign=[^&]+/, 'sign=AAAA'))).status).toBe(403)
    const expires = new URL(temp).searchParams.get('expires')
    expect(await cloud.rawGet(`/files/../url-signing.key?expires=${expires}&sign=x`)).toBe(400)
    expect(await cloud.rawGet(`/files/safe/%2e%2e/%2e%2e/url-signing.key?expires=${expires}&sign=x`)).toBe(400)
    expect(await cloud.rawGet(`/files/safe%2F..%2F..%2Furl-signing.key?expires=${expires}&sign=x`)).toBe(400)
  })
})

describe('app upload (H5 stand-in for wx.cloud.uploadFile)', () => {
  const home = uploadAreaOf('o-app')
  const upload = (body: Buffer | string, openid?: string, cloudPath?: string) =>
    cloud.request(`/storage/upload${cloudPath === undefined ? '' : `?cloudPath=${encodeURIComponent(cloudPath)}`}`, {
      method: 'POST',
      headers: openid ? { 'x-wegong-openid': openid } : {},
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })

  it('when a user uploads, then the folder is derived from the OPENID without containing it', () => {
    expect(home).toMatch(/^uploads\/[0-9a-f]{24}\/$/)
    expect(home).not.toContain('o-app')
    expect(uploadAreaOf('o-other')).not.toBe(home)
  })

  it('when a signed-in user uploads an image, then it lands under their folder with a working temp URL', async () => {
    const reply = await upload(png, 'o-app')
    expect(reply.status).toBe(200)
    expect(reply.body.data.fileID).toMatch(new RegExp(`^cloud://local-env\\.local/${home}\\d+-[0-9a-f]{8}\\.png$`))
    const served = await fetch(reply.body.data.tempFileURL)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  })

  it('when a cloudPath is given, then it is kept inside the caller folder', async () => {
    expect((await upload(png, 'o-app', 'avatar.png')).body.data.fileID).toBe(`cloud://local-env.local/${home}avatar.png`)
    expect((await upload(png, 'o-app', `${home}p/1.png`)).body.data.fileID).toBe(`cloud://local-env.local/${home}p/1.png`)
    expect((await upload(png, 'o-app', 'uploads/o-other/1.png')).body.data.fileID).toBe(`cloud://local-env.local/${home}uploads/o-other/1.png`)
  })

  it('when nobody is signed in, then 401 UNAUTHENTICATED', async () => {
    const reply = await upload(png)
    expect(reply.status).toBe(401)
    expect(reply.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('when the bytes are not an image, then 400 INVALID_ARGUMENT whatever the name says', async () => {
    const reply = await upload('<script>alert(1)</script>', 'o-app', 'evil.png')
    expect(reply.status).toBe(400)
    expect(reply.body.error.message).toMatch(/PNG, JPEG, GIF or WebP/)
  })

  it('when the cloudPath traverses, then 400 and nothing is written', async () => {
    const reply = await upload(png, 'o-app', '../../escape.png')
    expect(reply.status).toBe(400)
    expect(existsSync(join(cloud.dataDir, 'files', 'escape.png'))).toBe(false)
    expect(existsSync(join(cloud.dataDir, 'escape.png'))).toBe(false)
  })

  it('when the image is over 10 MiB, then 413', async () => {
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)])
    const reply = await upload(big, 'o-app')
    expect(reply.status).toBe(413)
    expect((await cloud.request('/healthz')).status).toBe(200)
  })
})
