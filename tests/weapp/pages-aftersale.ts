import { formatFen } from '@/domain/money'
import { DEMO_ORDER_IDS } from '../../demo/orders'
import type { PageCase } from './smoke'

/** The after-sales rows of the smoke suite's page table (tests/weapp/pages.ts), on the demo's cases (demo/aftersales.ts). */
export const aftersalePages: readonly PageCase[] = [
  {
    route: 'pages/orders/detail/index',
    persona: 'agent',
    query: () => ({ id: DEMO_ORDER_IDS.paid }),
    shows: () => ['待发货', '申请退款'],
    taps: [{ at: '.order-aftersale', goes: { api: 'navigateTo', route: 'pages/aftersale/apply/index' } }],
  },
  {
    // An order with an open case names it: 查看售后 instead of a second application.
    route: 'pages/orders/detail/index',
    persona: 'agent',
    query: (d) => ({ id: d.cases.refundRequest.orderId }),
    shows: () => ['待发货', '售后进行中', '待商家处理', '查看售后'],
    taps: [{ at: '.order-case-open', goes: { api: 'navigateTo', route: 'pages/aftersale/detail/index' } }],
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
    shows: () => ['进行中', '全部', '待商家处理', '待商家收货', '拍错/多拍', '商品破损'],
  },
  {
    route: 'pages/aftersale/detail/index',
    persona: 'agent',
    query: (d) => ({ id: d.cases.return.id }),
    shows: (d) => ['待商家收货', '商品破损', '顺丰速运', 'SF1400987654321', formatFen(d.cases.return.amountFen), '协商历史'],
  },
  {
    route: 'pages/aftersale/detail/index',
    persona: 'agent',
    query: (d) => ({ id: d.cases.refunded.id }),
    shows: (d) => ['退款成功', '少件/漏发', formatFen(d.cases.refunded.amountFen), '协商历史'],
  },
  {
    route: 'pages/aftersale/detail/index',
    persona: 'agent',
    query: () => ({ id: 'no-such-case' }),
    // Another's or a made-up id: the page's 售后不存在 state, from the server's refusal.
    allowedFailures: ['aftersale.get:NOT_FOUND'],
    shows: () => ['售后不存在', '返回售后列表'],
  },
]

/** The supplier's after-sales rows (subpackage supplier/). */
export const supplierAftersalePages: readonly PageCase[] = [
  {
    route: 'supplier/aftersale/index',
    persona: 'supplier',
    shows: () => ['待处理', '全部', '待商家处理', '待商家收货'],
  },
  {
    route: 'supplier/aftersale/detail/index',
    persona: 'supplier',
    query: (d) => ({ id: d.cases.refundRequest.id }),
    shows: (d) => ['待商家处理', '拍错/多拍', '尺码拍错了，想重新下单', d.agent.nickname, '同意退款', '拒绝'],
  },
  {
    route: 'supplier/aftersale/detail/index',
    persona: 'supplier',
    query: () => ({ id: 'no-such-case' }),
    allowedFailures: ['aftersale.get:NOT_FOUND'],
    shows: () => ['售后不存在'],
  },
  {
    // The order of a return on its way back names its case.
    route: 'supplier/orders/detail/index',
    persona: 'supplier',
    query: (d) => ({ id: d.cases.return.orderId }),
    shows: () => ['已发货', '售后进行中', '待商家收货', '查看售后'],
    taps: [{ at: '.order-case-open', goes: { api: 'navigateTo', route: 'supplier/aftersale/detail/index' } }],
  },
]

/** The operator's after-sales rows (subpackage operator/): the demo has no case asking the platform. */
export const operatorAftersalePages: readonly PageCase[] = [
  {
    route: 'operator/aftersale/index',
    persona: 'operator',
    shows: () => ['待裁决', '全部', '没有待裁决的售后'],
  },
  {
    route: 'operator/aftersale/detail/index',
    persona: 'operator',
    query: (d) => ({ id: d.cases.refundRequest.id }),
    // Not escalated: the operator may not read it (the page's 售后不存在 state, from the server's refusal).
    allowedFailures: ['aftersale.get:NOT_FOUND'],
    shows: () => ['售后不存在'],
  },
]
