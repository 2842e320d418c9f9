import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
    expect(temp.body).toMatchObject({
      status: 0,
      maxAge: 60,
      tempFileURL: expect.stringContaining(`${cloud.url}/files/products/红色 M.png?expires=`),
    })
    const served = await fetch(encodeURI(temp.body.tempFileURL))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)

    const download = await files({ action: 'download', fileID: upload.body.fileID })
    expect(Buffer.from(download.body.base64, 'base64').equals(png)).toBe(true)

    await cloud.request('/_local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 61_000 }),
    })
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
  const upload = (body: Buffer | string, openid?: string, cloudPath?: string) =>
    cloud.request(`/storage/upload${cloudPath === undefined ? '' : `?cloudPath=${encodeURIComponent(cloudPath)}`}`, {
      method: 'POST',
      headers: openid ? { 'x-wegong-openid': openid } : {},
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })
  const creatorOf = (path: string) => JSON.parse(readFileSync(join(cloud.dataDir, 'files-meta', ...path.split('/')), 'utf8')).creator

  it('when a signed-in user uploads to a cloud path, then the file is stored at exactly that path with a working temp URL', async () => {
    const reply = await upload(png, 'o-app', 'any/folder/红色 M.png')
    expect(reply.status).toBe(200)
    expect(reply.body.data.fileID).toBe('cloud://local-env.local/any/folder/红色 M.png')
    const served = await fetch(encodeURI(reply.body.data.tempFileURL))
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  })

  it('when a user uploads, then the file records its creator, as CloudBase keeps the uploader as the file _openid', async () => {
    await upload(png, 'o-app', 'creator/mine.png')
    expect(creatorOf('creator/mine.png')).toBe('o-app')
  })

  it('when the bytes are not an image, then they are stored as they are: the emulator has no content rule of its own', async () => {
    const csv = 'externalId,title\n1,连衣裙\n'
    const reply = await upload(csv, 'o-app', 'anything/list.csv')
    expect(reply.status).toBe(200)
    const served = await fetch(encodeURI(reply.body.data.tempFileURL))
    expect(await served.text()).toBe(csv)
    const noExtension = await upload(Buffer.from([0, 1, 2, 3]), 'o-app', 'anything/blob')
    expect(noExtension.status).toBe(200)
  })

  it('when an uploaded file is served, then no script in it can run on this origin', async () => {
    const reply = await upload('<script>alert(1)</script>', 'o-app', 'pages/evil.html')
    const served = await fetch(reply.body.data.tempFileURL)
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('when the creator uploads to the same path again, then the file is replaced', async () => {
    await upload(png, 'o-app', 'mine/again.png')
    const second = await upload('second version', 'o-app', 'mine/again.png')
    expect(second.status).toBe(200)
    expect(readFileSync(join(cloud.dataDir, 'files', 'mine', 'again.png'), 'utf8')).toBe('second version')
  })

  it('when another user uploads to my file path, then 403 FORBIDDEN and my file and its creator stay as they were', async () => {
    await upload(png, 'o-app', 'shared/photo.png')
    const reply = await upload('overwritten', 'o-other', 'shared/photo.png')
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('FORBIDDEN')
    expect(readFileSync(join(cloud.dataDir, 'files', 'shared', 'photo.png')).equals(png)).toBe(true)
    expect(creatorOf('shared/photo.png')).toBe('o-app')
  })

  it('when two users race to create the same path, then exactly one of them gets it', async () => {
    const replies = await Promise.all(['o-a', 'o-b', 'o-c'].map((openid) => upload(openid, openid, 'race/first.txt')))
    expect(replies.map((r) => r.status).sort()).toEqual([200, 403, 403])
    const winner = readFileSync(join(cloud.dataDir, 'files', 'race', 'first.txt'), 'utf8')
    expect(creatorOf('race/first.txt')).toBe(winner)
  })

  it('when a user uploads over a file a function wrote, then 403: only the admin side may write it', async () => {
    const { body } = await files({ action: 'upload', cloudPath: 'admin/code.png', base64: png.toString('base64') })
    expect(body.fileID).toBe('cloud://local-env.local/admin/code.png')
    const reply = await upload('mine now', 'o-app', 'admin/code.png')
    expect(reply.status).toBe(403)
  })

  it('when a function uploads over a user file, then it is replaced: the admin side is never subject to storage rules', async () => {
    await upload(png, 'o-app', 'user/replaced-by-admin.png')
    const { body } = await files({
      action: 'upload',
      cloudPath: 'user/replaced-by-admin.png',
      base64: Buffer.from('admin').toString('base64'),
    })
    expect(body.fileID).toBe('cloud://local-env.local/user/replaced-by-admin.png')
    expect(readFileSync(join(cloud.dataDir, 'files', 'user', 'replaced-by-admin.png'), 'utf8')).toBe('admin')
  })

  it('when a user file is deleted by a function, then anyone may create that path again', async () => {
    const first = await upload(png, 'o-app', 'cycle/a.png')
    await files({ action: 'delete', fileIDs: [first.body.data.fileID] })
    expect((await upload(png, 'o-other', 'cycle/a.png')).status).toBe(200)
    expect(creatorOf('cycle/a.png')).toBe('o-other')
  })

  it('when nobody is signed in, then 401 UNAUTHENTICATED', async () => {
    const reply = await upload(png, undefined, 'anon/a.png')
    expect(reply.status).toBe(401)
    expect(reply.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('when no cloudPath is given, then 400: the app chooses the path, as wx.cloud.uploadFile requires', async () => {
    const reply = await upload(png, 'o-app')
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('INVALID_ARGUMENT')
  })

  it.each([
    '../../escape.png',
    'a/../../escape.png',
    'a/%2e%2e/%2e%2e/escape.png',
    '/escape.png',
    'a//b.png',
    'a\\..\\b.png',
    './a.png',
    'a/%2F/b.png',
  ])('when the cloudPath is %s, then 400 and nothing is written', async (cloudPath) => {
    const reply = await upload(png, 'o-app', cloudPath)
    expect(reply.status).toBe(400)
    expect(existsSync(join(cloud.dataDir, 'files', 'escape.png'))).toBe(false)
    expect(existsSync(join(cloud.dataDir, 'escape.png'))).toBe(false)
  })

  it.each(['a/%2e%2e/%2e%2e/escape.png', 'a%2F%2E%2E%2F%2E%2E%2Fescape.png', 'a%2F%252e%252e%2F%252e%252e%2Fescape.png'])(
    'when the raw query is cloudPath=%s (traversal encoded once or twice), then 400 and nothing is written',
    async (rawQuery) => {
      const reply = await cloud.request(`/storage/upload?cloudPath=${rawQuery}`, {
        method: 'POST',
        headers: { 'x-wegong-openid': 'o-app' },
        body: new Uint8Array(png),
      })
      expect(reply.status).toBe(400)
      expect(existsSync(join(cloud.dataDir, 'escape.png'))).toBe(false)
    },
  )

  it('when the file is over 10 MiB, then 413 and the server keeps serving', async () => {
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)])
    const reply = await upload(big, 'o-app', 'big/a.png')
    expect(reply.status).toBe(413)
    expect(existsSync(join(cloud.dataDir, 'files', 'big', 'a.png'))).toBe(false)
    expect((await cloud.request('/healthz')).status).toBe(200)
  })
})
