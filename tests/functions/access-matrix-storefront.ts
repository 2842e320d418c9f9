import { agentsOnly, all, signedIn, type Row } from './access-matrix-row'

/**
 * 我的小店's rows of the access matrix (access-matrix.ts): anyone signed in has a storefront of its
 * own (empty until it adds), only the agent's feed can fill it, and anyone holding the link sees the
 * customer view — the gold agent's card and p1, nothing of the supplier.
 */
export const STOREFRONT_ROWS: Row[] = [
  { action: 'storefront.mine', input: () => ({}), expect: signedIn(), shows: { bound: ['p1Content', 'goldCard', 'goldTokens'] } },
  { action: 'storefront.save', input: () => ({ name: '我的小店' }), expect: signedIn(), mutates: true },
  {
    action: 'storefront.addProducts',
    input: (w) => ({ productIds: [w.p1._id] }),
    expect: agentsOnly(),
    mutates: true,
    shows: { bound: ['p1Content'], otherTier: ['p1Content'] },
  },
  {
    action: 'storefront.addProducts',
    variant: 'the other supplier’s',
    input: (w) => ({ productIds: [w.rivalProduct._id] }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', unbound: 'ok' }),
    mutates: true,
    shows: { unbound: ['rivalContent'] },
  },
  { action: 'storefront.removeProducts', input: (w) => ({ productIds: [w.p1._id] }), expect: signedIn(), mutates: true },
  {
    action: 'storefront.reorder',
    input: (w) => ({ productIds: [w.p1._id] }),
    expect: all('CONFLICT', { anonymous: 'UNAUTHENTICATED', bound: 'ok' }),
    mutates: true,
  },
  { action: 'storefront.share', input: () => ({}), expect: signedIn(), mutates: true, shows: { bound: ['goldTokens'] } },
  {
    action: 'storefront.view',
    input: (w) => ({ token: w.tokens.storefront }),
    expect: all('ok'),
    mutates: true,
    scanAs: 'customer',
    grants: ['p1Content', 'goldCard'],
    shows: { anonymous: ['p1Content', 'goldCard'], customer: ['p1Content', 'goldCard'] },
  },
  {
    action: 'storefront.view',
    variant: 'a product',
    input: (w) => ({ token: w.tokens.storefront, item: w.storefrontItem }),
    expect: all('ok'),
    mutates: true,
    scanAs: 'customer',
    grants: ['p1Content', 'goldCard'],
    shows: { anonymous: ['p1Content', 'goldCard'] },
  },
]
