import Taro from '@tarojs/taro'
import { AppError } from '@/domain/app-error'
import { declinedMessage, isPrivacyRefusal } from '@/domain/privacy-consent'

/** The mini-program: WeChat's clipboard and photo album, with the album permission asked properly. */
export { saveAll, type SaveProgress } from './batch'

const SCOPE = 'scope.writePhotosAlbum'

export async function copyText(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    // WeChat shows its own 「内容已复制」 toast; the sheet says what to do next instead.
    Taro.hideToast()
  } catch (error) {
    if (isPrivacyRefusal(error)) throw new AppError('FORBIDDEN', declinedMessage('setClipboardData'))
    throw new AppError('INTERNAL', '复制失败，请长按文字手动复制')
  }
}

async function askInSettings(): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '一键转发要把图片保存到你的相册，请在设置中打开「保存到相册」',
    confirmText: '去设置',
    cancelText: '暂不',
  })
  if (!confirm) return false
  const { authSetting } = await Taro.openSetting()
  return authSetting[SCOPE] === true
}

export async function ensureAlbumPermission(): Promise<boolean> {
  const { authSetting } = await Taro.getSetting()
  if (authSetting[SCOPE] === true) return true
  // Refused before: WeChat no longer asks, only the settings can allow it.
  if (authSetting[SCOPE] === false) return askInSettings()
  try {
    await Taro.authorize({ scope: SCOPE })
    return true
  } catch (error) {
    // Declining the privacy guide is not refusing the album: the settings cannot help with it.
    if (isPrivacyRefusal(error)) throw new AppError('FORBIDDEN', declinedMessage(SCOPE))
    return askInSettings()
  }
}

export async function saveImage(url: string, _fileName: string): Promise<void> {
  const downloaded = await Taro.downloadFile({ url })
  if (downloaded.statusCode !== 200) throw new AppError('INTERNAL', '图片下载失败')
  await Taro.saveImageToPhotosAlbum({ filePath: downloaded.tempFilePath })
}

export async function saveDrawnImage(source: string, _fileName: string): Promise<void> {
  if (!(await ensureAlbumPermission())) throw new AppError('FORBIDDEN', '没有相册权限，海报未保存')
  await Taro.saveImageToPhotosAlbum({ filePath: source })
}

export async function shareDrawnImage(source: string): Promise<boolean> {
  const share = (Taro as unknown as { showShareImageMenu?: (o: { path: string }) => Promise<unknown> }).showShareImageMenu
  if (typeof share !== 'function') return false
  try {
    await share({ path: source })
    return true
  } catch {
    return false
  }
}
