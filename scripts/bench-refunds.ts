/**
 * The refunds' part of `npm run bench` (R19): what the supplier's 无法发货，退款 (`order.refund`) and
 * WeChat Pay's refund notice (`refundCallback`, invoked by the local stand-in as WeChat Pay does) cost
 * in WeChat's billing units — invocations, DB reads, DB writes — as the local cloud counts them; and
 * a repeated notice, which must change nothing. Measured on a store of its own.
 */
import { payOrder, placeOrder, shopWithAgent } from '../tests/functions/order-fixtures'
import { acknowledgedAtWeChat } from '../tests/functions/refund-fixtures'
import { costOf, type FunctionCost, functionTotals, startBenchCloud } from './bench-calls'
import type { Figure } from './bench-figures'

export async function refundFigures(figure: Figure): Promise<void> {
  const t = await startBenchCloud()
  try {
    const print = (name: string, c: FunctionCost) => {
      figure(`cost_${name}_invocations`, c.calls, 'calls')
      figure(`cost_${name}_db_reads`, c.dbReads, 'reads')
      figure(`cost_${name}_db_writes`, c.dbWrites, 'writes')
    }
    const { product, spec } = await shopWithAgent(t, 'bench-refund-sup', 'bench-refund-agent')
    // A warm-up refund first, so that the measured one runs on warm function instances.
    for (const measured of [false, true]) {
      const order = await placeOrder(t, 'bench-refund-agent', [{ productId: product._id, specId: spec.id, qty: 1 }])
      await payOrder(t, 'bench-refund-agent', order)
      const before = await functionTotals(t)
      await t.ok('order', 'refund', { id: order._id, reason: '缺货' }, 'bench-refund-sup')
      const answered = await functionTotals(t)
      await acknowledgedAtWeChat(t, order.orderNo)
      const settled = await functionTotals(t)
      const notice = {
        returnCode: 'SUCCESS',
        reqInfo: { outRefundNo: `${order.orderNo}-S`, refundFee: order.total, refundStatus: 'SUCCESS' },
      }
      await t.raw('refundCallback', notice)
      const repeated = await functionTotals(t)
      if (!measured) continue
      print('order_refund', costOf(before, answered, 'order'))
      print('refund_callback', costOf(answered, settled, 'refundCallback'))
      print('refund_callback_repeated', costOf(settled, repeated, 'refundCallback'))
    }
  } finally {
    await t.close()
  }
}
