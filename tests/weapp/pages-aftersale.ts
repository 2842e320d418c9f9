import { DEMO_ORDER_IDS } from '../../demo/orders'
import type { PageCase } from './smoke'

/** The after-sales rows of the smoke suite's page table (tests/weapp/pages.ts). */
export const aftersalePages: readonly PageCase[] = [
  {
    route: 'pages/orders/detail/index',
    persona: 'agent',
    query: () => ({ id: DEMO_ORDER_IDS.paid }),
    shows: () => ['待发货', '申请退款'],
    taps: [{ at: '.order-aftersale', goes: { api: 'navigateTo', route: 'pages/aftersale/apply/index' } }],
  },
  {
    route: 'pages/aftersale/apply/index',
    persona: 'agent',
    query: () => ({ orderId: DEMO_ORDER_IDS.shipped }),
    shows: () => ['售后类型', '仅退款', '退货退款', '申请原因', '商品破损', '退款金额', '图片凭证（选填，最多 9 张）', '提交申请'],
  },
  {
    route: 'pages/aftersale/apply/index',
    persona: 'agent',
    query: () => ({ orderId: DEMO_ORDER_IDS.paid }),
    shows: () => ['订单尚未发货：退还全部货款和运费', '不想要了', '提交申请'],
  },
  {
    route: 'pages/aftersale/index',
    persona: 'agent',
    shows: () => ['进行中', '全部', '没有进行中的售后'],
  },
  {
    route: 'pages/aftersale/detail/index',
    persona: 'agent',
    query: () => ({ id: 'no-such-case' }),
    // The demo has no case yet: the page's 售后不存在 state, from the server's refusal.
    allowedFailures: ['aftersale.get:NOT_FOUND'],
    shows: () => ['售后不存在', '返回售后列表'],
  },
]
