import { describe, expect, it } from 'vitest'
import { csvHeader } from '@/domain/catalog'
import { demoPhoto } from '../../demo/images'
import { PERSONAS } from './demo'
import { navigationProblem, type OpenedPage } from './simulator'
import { weappForFile } from './weapp-for-file'

/**
 * The code paths only the mini-program build takes, driven in the built app (dist/weapp): the cloud
 * client's wx.cloud branch, uploads through wx.cloud.uploadFile (onto the local cloud's storage),
 * saving to the album and copying to the clipboard. WeChat's own APIs are recorded, not run: these
 * tests prove what the app asks of WeChat and what it does with the answers.
 */
const app = weappForFile()

function expectClean(page: OpenedPage): void {
  expect(page.record.errors).toEqual([])
  expect(page.record.cloudCalls.filter((call) => !call.ok)).toEqual([])
  expect(page.record.privacy.refused).toEqual([])
}

describe('the cloud client in the mini-program (src/api/cloud.ts, wx.cloud branch)', () => {
  it('initialises wx.cloud before its first call and calls every function through wx.cloud.callFunction as the WeChat user', async () => {
    const page = await app.weapp.open('pages/suppliers/index', {}, PERSONAS.agent)
    expectClean(page)
    // The simulated wx.cloud refuses calls before init, as WeChat does: a clean page proves the order.
    expect(page.record.wxCalls[0]?.api).toBe('cloud.init')
    expect(page.record.cloudCalls.map((call) => `${call.name}.${call.action}`)).toEqual(['user.login', 'network.mySuppliers'])
    // The agent's own tier: the identity WeChat gives the function is the one the page runs as.
    expect(page.text()).toContain(app.cloud.demo.agent.tierName)
  })

  it("shows a refusal's own message (a product the agent may not see)", async () => {
    const page = await app.weapp.open('pages/product/index', { id: 'no-such-product' }, PERSONAS.agent)
    expect(page.record.errors).toEqual([])
    expect(page.record.cloudCalls).toContainEqual(
      expect.objectContaining({ name: 'feed', action: 'product', ok: false, code: 'NOT_FOUND' }),
    )
    expect(page.text()).toContain('商品不存在或已下架')
  })

  it('says the network failed, and offers a retry, when wx.cloud.callFunction fails', async () => {
    const reachable = app.weapp.cloudUrl
    app.weapp.cloudUrl = 'http://127.0.0.1:9'
    try {
      const page = await app.weapp.open('pages/mine/index', {}, PERSONAS.agent)
      expect(page.record.errors).toEqual([])
      expect(page.record.cloudCalls).toContainEqual(expect.objectContaining({ name: 'user', action: 'login', code: 'NETWORK' }))
      expect(page.text()).toContain('网络不给力，请稍后再试')
      expect(page.text()).toContain('重试')
    } finally {
      app.weapp.cloudUrl = reachable
    }
  })
})

describe('uploads in the mini-program (src/api/storage, wx.cloud.uploadFile onto the local storage)', () => {
  it('uploads a picked photo under a name the server gave the supplier, and the product saves with it', async () => {
    const { uploadDir } = await app.cloud.ok('user', 'login', {}, PERSONAS.supplier)
    const id = app.cloud.demo.supplierProduct.id
    const before = await app.cloud.ok('product', 'get', { id }, PERSONAS.supplier)
    const page = await app.weapp.open('supplier/publish/form/index', { id }, PERSONAS.supplier)
    expectClean(page)
    const shown = () => page.find('.spec-card-0 .spec-image-picture').length

    const imagesBefore = shown()
    app.weapp.nextChosen = [app.weapp.addTempFile(demoPhoto('earring', 'pink', 0), 'png')]
    await page.tap('.spec-card-0 .spec-image-add')
    // R20: the photo chooser waits for the privacy consent of this first launch.
    await page.tap('.privacy-agree')
    await app.weapp.waitFor(() => page.record.uploads.length > 0 && shown() > imagesBefore)

    expectClean(page)
    const [upload] = page.record.uploads
    expect(page.record.privacy.asked).toEqual(['chooseMedia'])
    // A name the server gave (user.uploadPath): nothing of the supplier or its folder in it (R16).
    expect(upload.cloudPath).toMatch(/^uploads\/products\/[0-9a-f]{56}\.png$/)
    expect(upload.cloudPath).not.toContain(uploadDir.split('/')[1])
    expect(upload.fileID).toMatch(/^cloud:\/\//)
    expect(shown()).toBe(imagesBefore + 1)
    const compressed = page.record.wxCalls.find((call) => call.api === 'compressImage')
    expect(compressed).toBeDefined()

    // The functions accept only files named for the caller: saving proves the path is right.
    await page.tap('.publish-submit')
    await app.weapp.waitFor(() => page.record.navigations.length > 0)
    expectClean(page)
    expect(page.record.cloudCalls.map((call) => `${call.name}.${call.action}`)).toContain('product.update')
    const after = await app.cloud.ok('product', 'get', { id }, PERSONAS.supplier)
    expect(after.specs[0].images).toHaveLength(before.specs[0].images.length + 1)
    for (const nav of page.record.navigations) expect(navigationProblem(app.weapp.app, page.record.route, nav)).toBeNull()
  })

  it('imports a catalogue file picked from a chat: uploaded with wx.cloud.uploadFile, then read by catalog.importFile', async () => {
    const page = await app.weapp.open('supplier/import/index', {}, PERSONAS.supplier)
    const csv = `${csvHeader.join(',')}\nWX-1,【小程序】真丝眼罩,桑蚕丝,女装,香槟色,19.9,49,20\n`
    app.weapp.nextChosen = [app.weapp.addTempFile(Buffer.from(csv, 'utf8'), 'csv', '店铺商品.csv')]
    await page.tap('.import-choose')
    await page.tap('.privacy-agree')
    await app.weapp.waitFor(() => page.text().includes('导入 1 件商品'))
    expectClean(page)
    expect(page.record.uploads).toHaveLength(1)
    expect(page.record.privacy.asked).toEqual(['chooseMessageFile'])
    expect(page.record.uploads[0].cloudPath).toMatch(/imports\/[\w-]+\.csv$/)
    expect(page.text()).toContain('导入 1 件商品（新增 1，更新 0）')
    const shop = await app.cloud.ok('catalog', 'listShop', { q: '真丝眼罩' }, PERSONAS.supplier)
    expect(shop.items.map((item) => item.title)).toEqual(['【小程序】真丝眼罩'])
  })
})

describe('saving to the album and copying to the clipboard (recorded: WeChat runs them)', () => {
  it('saves the home code to the album: downloads its temporary URL, then hands the file to saveImageToPhotosAlbum', async () => {
    const page = await app.weapp.open('supplier/home/index', {}, PERSONAS.supplier)
    expectClean(page)
    await page.tap('.mini-code-save')
    await page.tap('.privacy-agree')
    await app.weapp.waitFor(() => page.record.album.length > 0)
    expectClean(page)
    const download = page.record.wxCalls.find((call) => call.api === 'downloadFile')
    expect(page.record.privacy.asked).toEqual(['saveImageToPhotosAlbum'])
    expect(download).toBeDefined()
    expect(page.record.album).toHaveLength(1)
    expect(page.record.album[0].bytes).toBeGreaterThan(1000)
    expect(page.record.wxCalls).toContainEqual(
      expect.objectContaining({ api: 'showToast', args: expect.objectContaining({ title: '已保存到相册' }) }),
    )
  })

  it('copies the catalogue example with setClipboardData', async () => {
    const page = await app.weapp.open('supplier/import/index', {}, PERSONAS.supplier)
    await page.tap('.import-copy')
    await page.tap('.privacy-agree')
    expectClean(page)
    expect(page.record.clipboard).toHaveLength(1)
    expect(page.record.privacy.asked).toEqual(['setClipboardData'])
    expect(page.record.clipboard[0].split('\n')[0]).toBe(csvHeader.join(','))
  })
})
