import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { orderStatusText, type OrderStatus } from '@/domain/order'
import { DAY_MS, shanghaiDay } from '@/domain/time'
import { callCloud } from '@/api/cloud'
import { openExport } from '@/api/download'
import { toastError } from '@/components/FormMessages/toast'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import ChipChoice from '@/components/ChipChoice'

const ranges = [
  { key: 'today', label: '今天', days: 1 },
  { key: '7', label: '近 7 天', days: 7 },
  { key: '30', label: '近 30 天', days: 30 },
  { key: '90', label: '近 90 天', days: 90 },
] as const

const rangeChips = ranges.map((r) => ({ value: r.key, label: r.label }))

// '' is every status.
const statusChips = (['', 'paid', 'shipped', 'completed', 'pending_payment', 'cancelled'] as const).map((s) => ({
  value: s,
  label: s ? orderStatusText[s] : '全部',
}))

/** 导出订单: the orders of a date range and status as a CSV (UTF-8 with BOM, for Excel). */
export default function ExportPopup({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const [range, setRange] = useState<(typeof ranges)[number]['key']>('7')
  const [status, setStatus] = useState<OrderStatus | ''>('paid')
  const { saving: working, submit } = useFormSubmit({
    check: () => {
      const days = ranges.find((r) => r.key === range)?.days ?? 7
      const now = Date.now()
      return {
        ok: true,
        input: { fromDay: shanghaiDay(now - (days - 1) * DAY_MS), toDay: shanghaiDay(now), ...(status ? { status } : {}) },
      }
    },
    send: (input: { fromDay: string; toDay: string; status?: OrderStatus }) => callCloud('order', 'export', input),
    done: async (result) => {
      if (result.count === 0) {
        void Taro.showToast({ title: '这段时间没有符合条件的订单', icon: 'none' })
        return
      }
      await openExport(result.url, result.fileName)
      void Taro.showToast({ title: `已导出 ${result.count} 单`, icon: 'none' })
      onClose()
    },
    // The choices are chips, not fields: a refusal (or a file that would not open) is said in a toast.
    refused: toastError,
  })

  return (
    <Popup className='export-popup' visible={visible} position='bottom' round closeable title='导出订单' onClose={onClose}>
      <View className='export-body'>
        <Text className='ship-label'>下单时间</Text>
        <ChipChoice name='ship-carrier' chips={rangeChips} value={range} onChange={setRange} />
        <Text className='ship-label'>订单状态</Text>
        <ChipChoice name='ship-carrier' chips={statusChips} value={status} onChange={setStatus} />
        <Text className='export-note'>导出为 CSV 表格（Excel 可直接打开），含收货信息与快递单号，每单一行。</Text>
        <Button className='export-confirm' type='primary' block loading={working} onClick={() => void submit()}>
          导出
        </Button>
      </View>
    </Popup>
  )
}
