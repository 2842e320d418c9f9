import { createRequire } from 'node:module'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCloud, startTestCloud } from './helpers'

// No QR decoder is installed, so the test reads the PNG's pixels (with qrcode's own PNG library) and
// compares every module with the QR symbol qrcode builds for the expected link.
const { PNG } = createRequire(require.resolve('qrcode'))('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}

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

describe('云调用 permissions (config.json `permissions.openapi`)', () => {
  it('when a function calls an openapi its config.json does not declare, then WeChat refuses it with -604101 and does nothing', async () => {
    const { body } = await cloud.call('undeclared', {}, 'o-supplier')
    expect(body).toEqual({ failed: true, errCode: -604101, errMsg: expect.stringContaining('-604101') })
    // The declared call of the same API goes through (the qrcode fixture declares it).
    expect((await getUnlimited({ scene: 'a', page: 'pages/bind/index' })).body.contentType).toBe('image/png')
  })
})

describe('what the local cloud does not implement', () => {
  it('when a function calls another openapi or an unknown CloudBase action, then the SDK call fails saying so', async () => {
    const { body } = await cloud.call('unsupported', {}, 'o-supplier')
    expect(body.openapi).toMatchObject({
      failed: true,
      message: expect.stringContaining('does not implement openapi "customerServiceMessage.send"'),
    })
    expect(body.action).toMatchObject({ failed: true, message: expect.stringContaining('does not implement cloudPay.downloadBill') })
  })
})

describe('cloudPay stand-in (wx.wxPayApi) and POST /_local/pay', () => {
  const paying = (event: Record<string, unknown>) => cloud.call('paying', event, 'o-payer')
  const payInSheet = (pkg: string) =>
    cloud.request('/_local/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ package: pkg }),
    })

  it('when a function calls unifiedOrder, then it gets the payment wx.requestPayment takes, and paying runs the callback once with the notice', async () => {
    const { body } = await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000001', totalFee: 1280 })
    expect(body).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok' })
    expect(Object.keys(body.payment).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
    expect(body.payment.package).toMatch(/^prepay_id=wx/)
    // Asking again for the same trade answers the same prepay.
    expect((await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000001', totalFee: 1280 })).body.payment.package).toBe(
      body.payment.package,
    )
    expect((await paying({ op: 'queryOrder', outTradeNo: 'T20261201000001' })).body).toMatchObject({ tradeState: 'NOTPAY', totalFee: 1280 })

    const paid = await payInSheet(body.payment.package)
    expect(paid.status).toBe(200)
    expect(paid.body.data.callback).toMatchObject({
      errcode: 0,
      caller: null,
      notice: {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: 'T20261201000001',
        totalFee: 1280,
        subOpenid: 'o-payer',
        transactionId: expect.stringMatching(/^4200\d{24}$/),
      },
    })
    const query = (await paying({ op: 'queryOrder', outTradeNo: 'T20261201000001' })).body
    expect(query).toMatchObject({ tradeState: 'SUCCESS', totalFee: 1280, transactionId: paid.body.data.transactionId })
    // A paid trade cannot be ordered or closed again; paying again only repeats the notice.
    expect((await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000001', totalFee: 1280 })).body).toMatchObject({
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.stringContaining('已支付'),
    })
    expect((await paying({ op: 'closeOrder', outTradeNo: 'T20261201000001' })).body).toMatchObject({
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.stringContaining('已支付'),
    })
    expect((await payInSheet(body.payment.package)).body.data.transactionId).toBe(paid.body.data.transactionId)
  })

  it('when a trade is closed or past its time_expire, then it cannot be paid', async () => {
    const closed = (await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000002', totalFee: 100 })).body
    // WeChat Pay v2 refuses to close a trade within 5 minutes of placing it; the trade stays payable.
    expect((await paying({ op: 'closeOrder', outTradeNo: 'T20261201000002' })).body).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('5分钟'),
    })
    expect((await paying({ op: 'queryOrder', outTradeNo: 'T20261201000002' })).body).toMatchObject({ tradeState: 'NOTPAY' })
    await cloud.request('/_local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 5 * 60_000 }),
    })
    expect((await paying({ op: 'closeOrder', outTradeNo: 'T20261201000002' })).body).toMatchObject({ resultCode: 'SUCCESS' })
    expect((await payInSheet(closed.payment.package)).status).toBe(409)
    expect((await paying({ op: 'queryOrder', outTradeNo: 'T20261201000002' })).body).toMatchObject({ tradeState: 'CLOSED' })

    const payTime = (at: number) => new Date(at + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
    // WeChat Pay keeps a JSAPI payment open at least 5 minutes.
    expect(
      (
        await paying({
          op: 'unifiedOrder',
          outTradeNo: 'T20261201000005',
          totalFee: 100,
          timeExpire: payTime(cloud.clock.now() + 4 * 60_000),
        })
      ).body,
    ).toMatchObject({
      resultCode: 'FAIL',
    })
    const soon = payTime(cloud.clock.now() + 6 * 60_000)
    const expiring = (await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000003', totalFee: 100, timeExpire: soon })).body
    await cloud.request('/_local/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 7 * 60_000 }),
    })
    expect((await payInSheet(expiring.payment.package)).status).toBe(409)
    expect((await payInSheet('prepay_id=nope')).status).toBe(404)
  })

  it("when parameters break WeChat Pay rules, then the result says FAIL (the SDK overwrites WeChat Pay's err_code with errCode 0; err_code_des stays)", async () => {
    expect((await paying({ op: 'unifiedOrder', outTradeNo: 'x', totalFee: 1 })).body).toMatchObject({
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.any(String),
    })
    expect((await paying({ op: 'unifiedOrder', outTradeNo: 'T20261201000004', totalFee: 0 })).body).toMatchObject({
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.any(String),
    })
  })
})

describe('subscribe messages (openapi.subscribeMessage.send) and GET /_local/messages', () => {
  const send = (message: Record<string, unknown>) => cloud.call('paying', { op: 'send', message }, 'o-sender')

  const subscribe = (openid: string, templateIds: string[]) =>
    cloud.request('/_local/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, templateIds }),
    })

  it('when a function sends a message, then the SDK gets ok and the message is listed with its sender', async () => {
    expect((await subscribe('o-agent', ['tpl-1'])).status).toBe(200)
    const message = {
      touser: 'o-agent',
      templateId: 'tpl-1',
      page: 'pages/orders/index?id=1',
      data: { thing1: { value: '春季新款' }, amount2: { value: '12.80元' } },
    }
    expect((await send(message)).body).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok', msgid: expect.any(Number) })
    const { body } = await cloud.request('/_local/messages')
    expect(body.data.items.at(-1)).toMatchObject({
      from: 'paying',
      touser: 'o-agent',
      templateId: 'tpl-1',
      page: 'pages/orders/index?id=1',
      data: message.data,
    })
  })

  it("when a value is longer than WeChat allows or the template is missing, then the SDK call fails with WeChat's errcode and nothing is listed", async () => {
    const before = (await cloud.request('/_local/messages')).body.data.items.length
    expect(
      (await send({ touser: 'o-agent', templateId: 'tpl-1', data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }))
        .body,
    ).toMatchObject({ failed: true, errCode: 47003 })
    expect((await send({ touser: 'o-agent', templateId: '', data: { thing1: { value: 'x' } } })).body).toMatchObject({
      failed: true,
      errCode: 40037,
    })
    expect((await cloud.request('/_local/messages')).body.data.items).toHaveLength(before)
  })

  it('when the user has no acceptance of the template left, then the send answers 43101, is listed as skipped, and one acceptance allows one send', async () => {
    const message = { touser: 'o-quota', templateId: 'tpl-2', data: { character_string1: { value: 'A1' } } }
    const before = (await cloud.request('/_local/messages')).body.data.items.length
    expect((await send(message)).body).toMatchObject({ failed: true, errCode: 43101 })
    expect((await cloud.request('/_local/subscriptions')).body.data.skipped).toContainEqual(
      expect.objectContaining({ from: 'paying', touser: 'o-quota', templateId: 'tpl-2', errcode: 43101 }),
    )
    await subscribe('o-quota', ['tpl-2'])
    expect((await cloud.request('/_local/subscriptions')).body.data.quota['o-quota']).toEqual({ 'tpl-2': 1 })
    expect((await send(message)).body).toMatchObject({ errCode: 0 })
    expect((await send(message)).body).toMatchObject({ failed: true, errCode: 43101 })
    expect((await cloud.request('/_local/subscriptions')).body.data.quota['o-quota']).toEqual({ 'tpl-2': 0 })
    expect((await cloud.request('/_local/messages')).body.data.items).toHaveLength(before + 1)
  })

  it('when a whole value breaks its kind’s format (Chinese in a character_string, a malformed amount), then 47003', async () => {
    await subscribe('o-format', ['tpl-3', 'tpl-3'])
    expect((await send({ touser: 'o-format', templateId: 'tpl-3', data: { character_string1: { value: '单号' } } })).body).toMatchObject({
      failed: true,
      errCode: 47003,
    })
    expect((await send({ touser: 'o-format', templateId: 'tpl-3', data: { amount2: { value: '十二元' } } })).body).toMatchObject({
      failed: true,
      errCode: 47003,
    })
  })
})
