import { describe, expect, it } from 'vitest'
import { testCloudForFile } from './harness'
import { boundAgent } from './network-fixtures'
import { advanceClock, clockNow, productInput, publisher } from './product-fixtures'

/**
 * R9: a removed agent keeps the temporary image URLs it was given; they must stop working
 * soon (README Decisions: two hours), not after WeChat's default day.
 */

const HOUR = 3_600_000
const t = testCloudForFile()

const expiresOf = (url: string) => Number(new URL(url).searchParams.get('expires'))

describe('temporary image URLs an agent gets', () => {
  it('when an agent views a product, then its image URLs live two hours, and a removed agent loses them after that', async () => {
    const owner = await publisher(t, 'ul-owner')
    const product = await t.ok('product', 'create', productInput(owner.templateId, owner.image), 'ul-owner')
    await boundAgent(t, 'ul-agent', owner.supplier._id)
    const before = await clockNow(t)
    const [url] = (await t.ok('feed', 'product', { id: product._id }, 'ul-agent')).specs[0]?.images ?? []
    expect(url).toBeTruthy()
    expect(expiresOf(url)).toBeGreaterThanOrEqual(before + 2 * HOUR - 5_000)
    expect(expiresOf(url)).toBeLessThanOrEqual((await clockNow(t)) + 2 * HOUR)

    await t.ok('network', 'unbind', { agentOpenid: 'ul-agent' }, 'ul-owner')
    // Still mid-session for the phone: the page it has open keeps its pictures for a while.
    await advanceClock(t, HOUR)
    expect((await fetch(encodeURI(url))).status).toBe(200)
    await advanceClock(t, HOUR + 60_000)
    expect((await fetch(encodeURI(url))).status).toBe(403)
  })

  it('when a feed page is listed, then every image URL on it lives two hours too', async () => {
    const before = await clockNow(t)
    const owner = await publisher(t, 'ul-owner2')
    await t.ok('product', 'create', productInput(owner.templateId, owner.image), 'ul-owner2')
    await boundAgent(t, 'ul-agent2', owner.supplier._id)
    const { items } = await t.ok('feed', 'products', {}, 'ul-agent2')
    const urls = items.flatMap((item) => item.specs.flatMap((spec) => spec.images))
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(expiresOf(url)).toBeLessThanOrEqual(before + 2 * HOUR + 60_000)
  })

  it('when the supplier opens its own product (its draft keeps the URLs), then they live the day WeChat allows', async () => {
    const owner = await publisher(t, 'ul-owner3')
    const product = await t.ok('product', 'create', productInput(owner.templateId, owner.image), 'ul-owner3')
    const now = await clockNow(t)
    const own = await t.ok('product', 'get', { id: product._id }, 'ul-owner3')
    expect(expiresOf(own.imageUrls[owner.image] ?? '')).toBeGreaterThan(now + 23 * HOUR)
  })
})
