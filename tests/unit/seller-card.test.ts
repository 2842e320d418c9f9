import { describe, expect, it, vi } from 'vitest'

/**
 * The agent's card on a customer view never carries a bare cloud file ID (R9), even when the storage
 * answers one for a temporary URL: the SDK is faked to do exactly that, and the share lookup and its
 * open count to answer one share whose agent has a cloud-file avatar.
 */
const AVATAR = 'cloud://env-1.env/uploads/avatars/agent.png'

// Query helpers some store modules build when loaded; nothing here reaches a database.
const anything: object = new Proxy(() => anything, { get: () => anything })

vi.mock('wx-server-sdk', () => ({
  default: {
    DYNAMIC_CURRENT_ENV: 'env',
    init: () => undefined,
    database: () => ({ command: anything, collection: () => anything }),
    getTempFileURL: async ({ fileList }: { fileList: Array<{ fileID: string }> }) => ({
      fileList: fileList.map(({ fileID }) => ({ fileID, status: 0, tempFileURL: fileID })),
    }),
  },
}))

vi.mock('../../cloudfunctions/lib/store/shares', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  findShareForView: async () => ({
    share: { _id: 's1', token: 'abcdefghjkmnpqrs', agentOpenid: 'agent-1', supplierId: 'sup-1', kind: 'product', itemId: 'p1' },
    binding: null,
    seller: { nickname: '小美的店', avatar: AVATAR, wechatId: 'xiaomei' },
    product: null,
    post: null,
    myText: null,
  }),
}))

vi.mock('../../cloudfunctions/lib/lifecycles/share-opens', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  countOpen: async () => true,
}))

describe('the seller card of the customer view (feed.shareView)', () => {
  it('when the storage answers a cloud file ID as the avatar’s URL, then the customer gets no avatar URL, never the ID', async () => {
    const { shareView } = await import('../../cloudfunctions/lib/use-cases/sharing')
    const view = await shareView({ token: 'abcdefghjkmnpqrs' })
    expect(view.seller).toEqual({ nickname: '小美的店', avatarUrl: '', wechatId: 'xiaomei' })
    expect(JSON.stringify(view)).not.toContain('cloud://')
  })
})
