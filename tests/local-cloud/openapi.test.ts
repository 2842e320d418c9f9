import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// No QR decoder is installed, so the test reads the PNG's pixels (with qrcode's own PNG library) and
// compares every module with the QR symbol qrcode builds for the expected link.
const { PNG } = createRequire(require.resolve('qrcode'))('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } }

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(() => cloud.destroy())

const getUnlimited = (params: Record<string, unknown>) => cloud.call('qrcode', params, 'o-supplier')

/** The module grid drawn in a PNG made with margin 2, read at each module's centre. */
function modulesOf(png: Buffer, size: number): boolean[] {
  const image = PNG.sync.read(png)
  const scale = image.width / (size + 4)
  const dark: boolean[] = []
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = Math.floor((col + 2.5) * scale)
      const y = Math.floor((row + 2.5) * scale)
      dark.push(image.data[(y * image.width + x) * 4] < 128)
    }
  }
  return dark
}

describe('openapi.wxacode.getUnlimited', () => {
  it('when a function asks for a code, then it gets a PNG whose QR modules encode the H5 link with the scene', async () => {
    const reply = await getUnlimited({ scene: 's=shop_01&t=a', page: 'pages/bind/index', width: 430 })
    expect(reply.body.contentType).toBe('image/png')
    const png = Buffer.from(reply.body.base64, 'base64')
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(png.readUInt32BE(16)).toBe(430)
    expect(png.readUInt32BE(20)).toBe(430)

    const link = `${cloud.url}/#/pages/bind/index?scene=${encodeURIComponent('s=shop_01&t=a')}`
    const expected = QRCode.create(link, { errorCorrectionLevel: 'M' }).modules
    expect(modulesOf(png, expected.size)).toEqual(Array.from(expected.data, Boolean))
    const other = QRCode.create(`${cloud.url}/#/pages/bind/index?scene=other`, { errorCorrectionLevel: 'M' }).modules
    expect(modulesOf(png, other.size)).not.toEqual(Array.from(other.data, Boolean))
  })

  it('when the H5 app is opened elsewhere (publicUrl), then the code links there', async () => {
    const elsewhere = await startTestCloud({ publicUrl: 'http://localhost:10086/' })
    try {
      const reply = await elsewhere.call('qrcode', { scene: 'abc', page: 'pages/bind/index' }, 'o-supplier')
      const png = Buffer.from(reply.body.base64, 'base64')
      const expected = QRCode.create('http://localhost:10086/#/pages/bind/index?scene=abc', { errorCorrectionLevel: 'M' }).modules
      expect(modulesOf(png, expected.size)).toEqual(Array.from(expected.data, Boolean))
    } finally {
      await elsewhere.destroy()
    }
  })

  it('when no width is given, then the code is 430 px like WeChat; out-of-range widths are clamped to 280-1280', async () => {
    const sizeOf = async (width?: number) => Buffer.from((await getUnlimited({ scene: 'a', width })).body.base64, 'base64').readUInt32BE(16)
    expect(await sizeOf()).toBe(430)
    expect(await sizeOf(100)).toBe(280)
    expect(await sizeOf(5000)).toBe(1280)
  })

  it('when the scene is longer than 32 characters, then WeChat error 40169', async () => {
    const reply = await getUnlimited({ scene: 'x'.repeat(33) })
    expect(reply.body).toMatchObject({ errCode: 40169, errMsg: expect.stringContaining('invalid length for scene') })
    expect((await getUnlimited({ scene: 'x'.repeat(32) })).body.contentType).toBe('image/png')
  })

  it('when the scene has characters WeChat refuses, then error 40129', async () => {
    expect((await getUnlimited({ scene: '店铺1' })).body.errCode).toBe(40129)
    expect((await getUnlimited({ scene: 'a%20b' })).body.errCode).toBe(40129)
  })

  it('when the page has a leading slash or a query, then error 41030', async () => {
    expect((await getUnlimited({ scene: 'a', page: '/pages/bind/index' })).body.errCode).toBe(41030)
    expect((await getUnlimited({ scene: 'a', page: 'pages/bind/index?x=1' })).body.errCode).toBe(41030)
  })
})

describe('what the local cloud does not implement', () => {
  it('when a function calls another openapi or an unknown CloudBase action, then the SDK call fails saying so', async () => {
    const { body } = await cloud.call('unsupported', {}, 'o-supplier')
    expect(body.openapi).toMatchObject({ failed: true, message: expect.stringContaining('does not implement openapi "subscribeMessage.send"') })
    expect(body.action).toMatchObject({ failed: true, message: expect.stringContaining('does not implement action "wx.wxPayApi"') })
  })
})
