import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Progress } from '@nutui/nutui-react-taro'
import { csvHeader, IMPORT_ROWS_MAX, type ImportReport } from '@/domain/catalog'
import { route } from '@/domain/routes'
import { callCloud, toAppError } from '@/api/cloud'
import { chooseImportFile, uploadFile, type PickedFile } from '@/api/storage'
import PageShell from '@/components/PageShell'
import './index.scss'

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: PickedFile; progress: number }
  | { kind: 'importing'; file: PickedFile }
  | { kind: 'done'; file: PickedFile; report: ImportReport }
  | { kind: 'failed'; file: PickedFile | null; message: string }

const columnNotes: Record<string, string> = {
  商品编号: '必填，同一编号的多行是同一商品的不同规格',
  商品标题: '必填，最多 60 字',
  商品描述: '选填',
  类目: '选填，须是开放的一级类目',
  规格: '必填，如 红色 / M',
  采购价: '必填，单位元，如 12.80',
  建议零售价: '选填，单位元',
  库存: '选填，整数',
}

const example = `${csvHeader.join(',')}\nA1001,纯棉家居服套装,柔软亲肤,女装,粉色 / M,39.9,89,100`

/** 导入商品 (R15): load the shop catalogue from a CSV or JSON file, then publish from it. */
export default function ImportPage() {
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const busy = step.kind === 'uploading' || step.kind === 'importing'

  const start = async () => {
    const file = await chooseImportFile()
    if (!file) return
    setStep({ kind: 'uploading', file, progress: 0 })
    try {
      const uploaded = await uploadFile(file, (progress) => setStep((prev) => (prev.kind === 'uploading' ? { ...prev, progress } : prev)))
      setStep({ kind: 'importing', file })
      const report = await callCloud('catalog', 'importFile', { fileID: uploaded.fileID, fileName: file.name.slice(0, 200) })
      setStep({ kind: 'done', file, report })
    } catch (e) {
      setStep({ kind: 'failed', file, message: toAppError(e).message })
    }
  }

  return (
    <PageShell className='import-page'>
      <View className='wg-card import-intro'>
        <Text className='wg-card-title'>从店铺导入商品</Text>
        <Text className='import-text'>
          把店铺的商品表格（CSV 或 JSON，UTF-8 编码，最多 {IMPORT_ROWS_MAX} 行）发到微信聊天里，再从这里选择。导入后可在「发布商品 →
          导入已发布商品」中选择商品，补充图片后发布。
        </Text>
        <View className='import-columns'>
          {csvHeader.map((column) => (
            <View key={column} className='import-column'>
              <Text className='import-column-name'>{column}</Text>
              <Text className='import-column-note'>{columnNotes[column] ?? ''}</Text>
            </View>
          ))}
        </View>
        <View className='import-example'>
          <Text className='import-example-title'>示例（第一行为表头）</Text>
          <Text className='import-example-text' userSelect>
            {example}
          </Text>
          <Text className='import-copy' onClick={() => void Taro.setClipboardData({ data: example }).catch(() => undefined)}>
            复制示例
          </Text>
        </View>
      </View>

      {step.kind === 'uploading' || step.kind === 'importing' ? (
        <View className='wg-card import-progress'>
          <Text className='import-file-name'>{step.file.name}</Text>
          <Progress
            className='import-progress-bar'
            percent={step.kind === 'uploading' ? Math.round(step.progress * 100) : 100}
            showText={false}
          />
          <Text className='import-status'>
            {step.kind === 'uploading' ? `正在上传 ${Math.round(step.progress * 100)}%` : '正在导入，请稍候…'}
          </Text>
        </View>
      ) : null}

      {step.kind === 'failed' ? (
        <View className='wg-card import-failed'>
          <Text className='import-failed-title'>导入失败</Text>
          {step.file ? <Text className='import-file-name'>{step.file.name}</Text> : null}
          <Text className='import-failed-message'>{step.message}</Text>
        </View>
      ) : null}

      {step.kind === 'done' ? (
        <View className='wg-card import-result'>
          <Text className='import-summary'>
            导入 {step.report.items} 件商品（新增 {step.report.created}，更新 {step.report.updated}）
          </Text>
          <Text className='import-file-name'>{step.file.name}</Text>
          {step.report.errors.length > 0 ? (
            <View className='import-errors'>
              <Text className='import-errors-title'>{step.report.errors.length} 行未导入：</Text>
              {step.report.errors.map((error) => (
                <View key={`${error.row}-${error.reason}`} className='import-error'>
                  <Text className='import-error-row'>第 {error.row} 行</Text>
                  <Text className='import-error-reason'>{error.reason}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {step.report.items > 0 ? (
            <Button
              className='import-publish'
              type='primary'
              block
              onClick={() => void Taro.navigateTo({ url: route('supplier/publish/category/index') })}
            >
              从导入的商品发布
            </Button>
          ) : null}
        </View>
      ) : null}

      <Button
        className='import-choose'
        type='primary'
        fill={step.kind === 'done' ? 'outline' : undefined}
        block
        loading={busy}
        disabled={busy}
        onClick={() => void start()}
      >
        {step.kind === 'idle' ? '选择文件并导入' : '重新选择文件'}
      </Button>
      <Text className='import-note'>
        {process.env.TARO_ENV === 'h5' ? '支持 .csv 和 .json 文件' : '将从微信聊天中选择 .csv 或 .json 文件'}
      </Text>
    </PageShell>
  )
}
