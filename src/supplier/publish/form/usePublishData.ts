import { sortTiers } from '@/domain/tiers'
import { callCloud } from '@/api/cloud'
import { useLoader } from '@/hooks/useLoader'

/** The shipping templates, the tiers (R11) in rank order, and the product being edited or the shop item being imported (R15). */
async function loadPublishData(productId: string | undefined, shopItemId: string | undefined) {
  const [shipping, tiers, product, shopItem] = await Promise.all([
    callCloud('shipping', 'list', {}),
    callCloud('network', 'tiers', {}),
    productId ? callCloud('product', 'get', { id: productId }) : Promise.resolve(null),
    !productId && shopItemId ? callCloud('catalog', 'getShop', { id: shopItemId }) : Promise.resolve(null),
  ])
  return { templates: shipping.items, tiers: sortTiers(tiers), product, shopItem }
}

export type PublishData = Awaited<ReturnType<typeof loadPublishData>>

/** What the form needs from the cloud; coming back to the page (e.g. from creating a shipping template) loads it again, and the draft stays. */
export function usePublishData(productId: string | undefined, shopItemId: string | undefined) {
  return useLoader(() => loadPublishData(productId, shopItemId), { onShow: true })
}
