import { describe, expect, it } from 'vitest'
import { PERSONAS } from './demo'
import { SIMULATED_GUIDE_NAME } from './simulator'
import { weappForFile } from './weapp-for-file'

/**
 * R20: WeChat holds every privacy-scoped API until the user agreed to the guide (`__usePrivacyCheck__`),
 * and the simulated wx does the same. 一键转发 on the feed (a main-package page) shows the consent popup
 * first; declining explains what will not work and leaves the page usable; the next press asks again;
 * agreeing resumes the forward, which copies the text and saves every picture.
 */
const app = weappForFile()

describe('privacy consent before 一键转发 (R20)', () => {
  it('when the agent forwards, declines, forwards again and agrees, then the popup explains, asks again and the forward completes', async () => {
    const page = await app.weapp.open('pages/feed/index', {}, PERSONAS.agent)
    const { privacy } = page.record
    expect(page.find('.privacy-consent')).toHaveLength(0)

    await page.tap('.card-forward')
    // The forward waits on WeChat's clipboard: the popup names the console's guide, nothing is copied yet.
    expect(privacy.asked).toEqual(['setClipboardData'])
    expect(page.find('.privacy-consent')).toHaveLength(1)
    expect(page.text()).toContain(SIMULATED_GUIDE_NAME)
    expect(page.record.clipboard).toEqual([])
    await page.tap('.privacy-consent-link')
    expect(privacy.guideOpened).toBe(1)

    await page.tap('.privacy-decline')
    expect(page.find('.privacy-consent')).toHaveLength(0)
    expect(privacy.refused).toEqual(['setClipboardData:declined'])
    const explained = page.record.wxCalls.filter((call) => call.api === 'showModal').map((call) => JSON.stringify(call.args))
    expect(explained.some((args) => args.includes('文案无法自动复制') && args.includes('其他功能可以照常使用'))).toBe(true)
    expect(page.record.clipboard).toEqual([])
    expect(page.record.album).toEqual([])
    // The rest stays usable: a card still opens its product.
    const navigations = page.record.navigations.length
    await page.tap('.feed-card')
    expect(page.record.navigations.slice(navigations).map((nav) => nav.url)).toEqual([expect.stringMatching(/^\/?pages\/product\/index\?/)])

    // The next press asks again; agreeing resumes the held copy and the forward saves every picture.
    await page.tap('.card-forward')
    expect(privacy.asked).toEqual(['setClipboardData', 'setClipboardData'])
    expect(page.find('.privacy-consent')).toHaveLength(1)
    await page.tap('.privacy-agree')
    expect(privacy.agreed).toBe(true)
    const images = app.cloud.demo.agentProduct.images
    await app.weapp.waitFor(() => page.record.album.length >= images, 10_000)
    expect(page.find('.privacy-consent')).toHaveLength(0)
    expect(page.record.clipboard.join('\n').replace(/\s+/g, ' ')).toContain(app.cloud.demo.agentProduct.text.replace(/\s+/g, ' '))
    expect(page.record.album).toHaveLength(images)
    expect(privacy.answers).toEqual(['exposureAuthorization', 'disagree', 'exposureAuthorization', 'agree'])
    expect(privacy.refused).toEqual(['setClipboardData:declined'])
    expect(page.record.errors).toEqual([])
  })
})
