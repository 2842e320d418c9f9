import { AppError } from '@/domain/app-error'

/**
 * The H5 build (local cloud, tests, demos): the text goes to the browser's clipboard and images
 * download as files, which is what 「保存到相册」 means on a computer.
 */
export { saveAll, type SaveProgress } from './batch'

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // No clipboard permission (an insecure origin, a test browser): the old way below.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.style.cssText = 'position:fixed;left:-3000px;top:-3000px;'
  document.body.appendChild(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) throw new AppError('INTERNAL', '复制失败，请长按文字手动复制')
}

export async function ensureAlbumPermission(): Promise<boolean> {
  return true
}

function download(href: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
}

export async function saveImage(url: string, fileName: string): Promise<void> {
  const response = await fetch(url)
  if (!response.ok) throw new AppError('INTERNAL', '图片下载失败')
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  download(href, fileName)
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export async function saveDrawnImage(source: string, fileName: string): Promise<void> {
  download(source, fileName)
}

/** Browsers have no WeChat share menu: the poster downloads instead. */
export async function shareDrawnImage(_source: string): Promise<boolean> {
  return false
}
