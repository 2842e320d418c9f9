import { describe, expect, it } from 'vitest'
import { orderCloudForFile, OPERATOR } from './harness'
import { upload } from './product-fixtures'
import { caseSnapshot, shippedOrder } from './aftersale-fixtures'

/**
 * After-sales photos go through WeChat's image check (R20) as product pictures do: each is sent when
 * its step is made, and a risky verdict hides it from the other side and the platform while its
 * sender still sees it, with why; the check stays stored for audit.
 */

const { t } = orderCloudForFile()
const REASON = '图片含有不适宜发布的内容，已对商家和平台隐藏；如有需要请重新上传凭证'

async function standInChecks(): Promise<Array<{ openid: string; scene: number; traceId: string }>> {
  const response = await fetch(`${t.cloud.url}/_local/media-checks`)
  return ((await response.json()) as { data: { mediaChecks: Array<{ openid: string; scene: number; traceId: string }> } }).data.mediaChecks
}

async function deliver(traceId: string, suggest: 'pass' | 'risky') {
  const response = await fetch(`${t.cloud.url}/_local/media-checks/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ traceId, suggest }),
  })
  expect(response.status).toBe(200)
}

async function security(body: Record<string, string>) {
  await fetch(`${t.cloud.url}/_local/security`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

function checksOf(caseId: string) {
  return t.db.find('media_checks', { 'item.kind': 'aftersale', 'item.id': caseId }) as Array<{
    _id: string
    fileId: string
    status: string
    openid: string
  }>
}

/** An after-shipping application with one photo, by a fresh agent of a fresh supplier. */
async function appliedWithPhoto(prefix: string) {
  const { order } = await shippedOrder(t, `${prefix}-sup`, `${prefix}-agent`)
  const photo = (await upload(t, `${prefix}-agent`, `products/${prefix}.png`)).fileID
  const applied = await t.ok(
    'aftersale',
    'apply',
    { orderId: order._id, kind: 'refund_only', reason: '商品破损', amountFen: 100, note: '破了', photos: [photo] },
    `${prefix}-agent`,
  )
  return { order, photo, applied }
}

describe('after-sales photos through the image check (R20)', () => {
  it("when the agent applies with a photo, then it is sent with the agent's openid in the comment scene and recorded on the case", async () => {
    const { photo, applied } = await appliedWithPhoto('pc1')
    const [check] = checksOf(applied._id)
    expect(check).toMatchObject({ fileId: photo, status: 'pending', openid: 'pc1-agent' })
    expect((await standInChecks()).find((c) => c.traceId === check?._id)).toMatchObject({ openid: 'pc1-agent', scene: 2 })
    expect((await t.ok('aftersale', 'get', { id: applied._id }, 'pc1-sup')).photos).toHaveLength(1)
  })

  it('when WeChat finds the photo risky, then the supplier and the platform no longer see it, the agent sees it with why, and the check keeps the verdict', async () => {
    const { photo, applied } = await appliedWithPhoto('pc2')
    await t.ok('aftersale', 'refuse', { id: applied._id, reason: '商品无问题' }, 'pc2-sup')
    await t.ok('aftersale', 'escalate', { id: applied._id, note: '确实破了' }, 'pc2-agent')
    const [check] = checksOf(applied._id)
    await deliver(check!._id, 'risky')
    expect(checksOf(applied._id)[0]).toMatchObject({ status: 'risky', fileId: photo })
    for (const other of ['pc2-sup', OPERATOR]) {
      const seen = await t.ok('aftersale', 'get', { id: applied._id }, other)
      expect(seen.photos, other).toEqual([])
      expect(
        seen.timeline.flatMap((step) => step.photos),
        other,
      ).toEqual([])
      expect(seen, other).not.toHaveProperty('hiddenPhotos')
    }
    const own = await t.ok('aftersale', 'get', { id: applied._id }, 'pc2-agent')
    expect(own.photos).toHaveLength(1)
    expect(own.hiddenPhotos).toEqual([{ url: own.photos[0], reason: REASON }])
    const stored = caseSnapshot(t)
    await deliver(check!._id, 'risky')
    expect(caseSnapshot(t)).toBe(stored)
  })

  it('when WeChat passes the photo, then both sides keep seeing it', async () => {
    const { applied } = await appliedWithPhoto('pc3')
    await deliver(checksOf(applied._id)[0]!._id, 'pass')
    expect((await t.ok('aftersale', 'get', { id: applied._id }, 'pc3-sup')).photos).toHaveLength(1)
    expect(await t.ok('aftersale', 'get', { id: applied._id }, 'pc3-agent')).not.toHaveProperty('hiddenPhotos')
  })

  it('when WeChat cannot take the check, then the application is refused as for products and nothing is stored', async () => {
    const { order } = await shippedOrder(t, 'pc4-sup', 'pc4-agent')
    const photo = (await upload(t, 'pc4-agent', 'products/pc4.png')).fileID
    const before = JSON.stringify([caseSnapshot(t), t.db.find('media_checks')])
    await security({ mediaCheck: 'down' })
    try {
      const answer = await t.call(
        'aftersale',
        'apply',
        { orderId: order._id, kind: 'refund_only', reason: '商品破损', amountFen: 100, note: '破了', photos: [photo] },
        'pc4-agent',
      )
      expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      expect(JSON.stringify([caseSnapshot(t), t.db.find('media_checks')])).toBe(before)
    } finally {
      await security({ mediaCheck: 'up' })
    }
  })
})
