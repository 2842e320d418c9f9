import Taro from '@tarojs/taro'
import { AppError } from '@/domain/app-error'

/**
 * Opens an exported file for the supplier. In the mini-program: download it, then open it in
 * WeChat's document viewer (a CSV opens in the spreadsheet viewer as `xls`); where the viewer refuses
 * it, offer to send it to a chat (文件传输助手) to open on a computer. In H5: a plain download.
 */
export async function openExport(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    link.rel = 'noopener'
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  let filePath: string
  try {
    const downloaded = await Taro.downloadFile({ url })
    if (downloaded.statusCode !== 200) throw new Error(String(downloaded.statusCode))
    filePath = downloaded.tempFilePath
  } catch {
    throw new AppError('INTERNAL', '文件下载失败，请稍后再试')
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xls', showMenu: true })
  } catch {
    await (Taro as unknown as { shareFileMessage: (o: { filePath: string; fileName: string }) => Promise<void> }).shareFileMessage({
      filePath,
      fileName,
    })
  }
}
