import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, Text, View } from '@tarojs/components'
import { Axis, Canvas, Chart, Interval, jsx, type CanvasProps } from '@antv/f2'
import { formatFen } from '@/domain/money'
import { callCloud } from '@/api/cloud'
import { preloadOrderMessages } from '@/api/pay'
import { useLoader } from '@/hooks/useLoader'
import './SalesCard.scss'

type Metric = 'salesFen' | 'paidOrders' | 'forwards'
const metrics: Array<{ key: Metric; label: string }> = [
  { key: 'salesFen', label: '销售额' },
  { key: 'paidOrders', label: '订单' },
  { key: 'forwards', label: '转发' },
]
const CANVAS_ID = 'sales-chart'
/** F2's element factory without JSX (its typings do not accept its own class components). */
const h = jsx as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => { props: CanvasProps }
/** Used only until the box is measured (its height comes from the stylesheet, scaled with the screen). */
const FALLBACK_HEIGHT = 180

interface Point {
  day: string
  value: number
}

/** The chart's 2D context: the canvas node in the mini-program (type="2d"), the <canvas> element in H5. */
function chartContext(): Promise<{ context: CanvasRenderingContext2D; width: number; height: number; pixelRatio: number } | null> {
  const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(CANVAS_ID)
    const canvas = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
    if (!canvas) return Promise.resolve(null)
    const width = canvas.parentElement?.clientWidth || canvas.clientWidth || 320
    const height = canvas.parentElement?.clientHeight || FALLBACK_HEIGHT
    canvas.width = width * pixelRatio
    canvas.height = height * pixelRatio
    canvas.style.width = `${width}px`
    canvas.style.height = `${height}px`
    const context = canvas.getContext('2d')
    return Promise.resolve(context ? { context, width, height, pixelRatio } : null)
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec(
        (
          res: Array<{
            node?: { width: number; height: number; getContext: (kind: '2d') => CanvasRenderingContext2D }
            width?: number
            height?: number
          } | null>,
        ) => {
          const found = res[0]
          if (!found?.node) return resolve(null)
          const width = found.width ?? 320
          const height = found.height || FALLBACK_HEIGHT
          found.node.width = width * pixelRatio
          found.node.height = height * pixelRatio
          resolve({ context: found.node.getContext('2d'), width, height, pixelRatio })
        },
      )
  })
}

/**
 * 经营数据 (R17): the last 30 days of paid orders, sales and forwards from the daily counters,
 * drawn with F2 (charts for mobile and mini-program canvases) — the same chart in weapp and H5.
 */
export default function SalesCard() {
  // Mounted after the page first showed (the home renders once the supplier is loaded): load now,
  // and again whenever the page shows later.
  const { state } = useLoader(() => callCloud('order', 'stats', {}), { onShow: true })
  const [metric, setMetric] = useState<Metric>('salesFen')
  const chart = useRef<Canvas | null>(null)
  // 订单管理 below asks for the 新订单 message on its tap.
  useEffect(preloadOrderMessages, [])

  const days = state.status === 'ready' ? state.data.days : null
  const totals = useMemo(
    () =>
      days
        ? days.reduce(
            (sum, d) => ({
              salesFen: sum.salesFen + d.salesFen,
              paidOrders: sum.paidOrders + d.paidOrders,
              forwards: sum.forwards + d.forwards,
            }),
            { salesFen: 0, paidOrders: 0, forwards: 0 },
          )
        : null,
    [days],
  )

  useEffect(() => {
    if (!days) return
    let live = true
    const data: Point[] = days.map((d) => ({ day: d.day.slice(5), value: metric === 'salesFen' ? d.salesFen / 100 : d[metric] }))
    // After this render has put the canvas on the page.
    const timer = setTimeout(() => {
      void chartContext().then(async (found) => {
        if (!live || !found) return
        chart.current?.destroy()
        const element = h(
          Canvas,
          { context: found.context, pixelRatio: found.pixelRatio, width: found.width, height: found.height, animate: false },
          h(
            Chart,
            { data, scale: { value: { min: 0, nice: true, tickCount: 4 }, day: { tickCount: 5 } } },
            // F2's theme sizes labels in 750-wide design px ('20px'); a number is CSS px, readable on a phone.
            // 'auto' keeps the first and last day's labels inside the plot instead of past the canvas edge.
            h(Axis, { field: 'day', style: { label: { fontSize: 11, align: 'auto' } } }),
            h(Axis, { field: 'value', style: { label: { fontSize: 11 } } }),
            h(Interval, { x: 'day', y: 'value', color: '#ff6a00' }),
          ),
        )
        const canvas = new Canvas(element.props)
        chart.current = canvas
        await canvas.render()
      })
    }, 50)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [days, metric])
  useEffect(() => () => chart.current?.destroy(), [])

  if (state.status !== 'ready' || !totals) return null
  return (
    <View className='wg-card sales-card'>
      <Text className='wg-card-title'>经营数据 · 近 30 天</Text>
      <View className='sales-tabs'>
        {metrics.map((m) => (
          <View
            key={m.key}
            className={`sales-tab sales-tab-${m.key}${m.key === metric ? ' sales-tab-active' : ''}`}
            onClick={() => setMetric(m.key)}
          >
            <Text className='sales-tab-value'>{m.key === 'salesFen' ? formatFen(totals.salesFen) : totals[m.key]}</Text>
            <Text className='sales-tab-label'>{m.label}</Text>
          </View>
        ))}
      </View>
      <View className='sales-chart-box'>
        <TaroCanvas type='2d' id={CANVAS_ID} canvasId={CANVAS_ID} className='sales-chart' />
      </View>
    </View>
  )
}
