import Taro from '@tarojs/taro'
import { AppError } from '@/domain/app-error'
import { isPrivacyRefusal } from '@/domain/privacy-consent'
import { initCloud } from '@/api/cloud'
import { UNREADABLE_FILE, UNREADABLE_IMAGE, UPLOAD_FAILED, cloudPathFor, imageExtensionOf, importExtensionOf } from './cloud-path'
import { AVATAR_MAX_SIDE, IMAGE_MAX_SIDE, IMAGE_QUALITY, scaledSize } from './image-size'
import type { PickedFile, PickedImage, ProgressHandler, Uploaded, UploadKind } from './types'

/**
 * The mini-program's cloud storage: files go through wx.cloud (images compressed first) to the path
 * the server names for the caller (./cloud-path.ts).
 */
export type { PickedFile, PickedImage, ProgressHandler, Uploaded, UploadKind } from './types'

async function compress(path: string, maxSide: number): Promise<string> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    const size = scaledSize(info.width, info.height, maxSide)
    const options: Taro.compressImage.Option = { src: path, quality: Math.round(IMAGE_QUALITY * 100) }
    // The height follows the width, keeping the photo's proportions.
    if (size.width < info.width) options.compressedWidth = size.width
    const { tempFilePath } = await Taro.compressImage(options)
    return tempFilePath
  } catch {
    // Some formats (e.g. GIF) cannot be compressed; upload the original.
    return path
  }
}

function upload(filePath: string, cloudPath: string, onProgress?: ProgressHandler): Promise<Uploaded> {
  initCloud()
  return new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (result) => {
        onProgress?.(1)
        resolve({ fileID: result.fileID, url: filePath })
      },
      fail: () => reject(new AppError('INTERNAL', UPLOAD_FAILED)),
    })
    task.onProgressUpdate((update) => onProgress?.(update.progress / 100))
  })
}

async function uploadPhoto(source: string | File, kind: UploadKind, maxSide: number, onProgress?: ProgressHandler): Promise<Uploaded> {
  if (typeof source !== 'string') throw new AppError('INVALID_ARGUMENT', UNREADABLE_IMAGE)
  const compressed = await compress(source, maxSide)
  return upload(compressed, await cloudPathFor(kind, imageExtensionOf(compressed) ?? 'jpg'), onProgress)
}

export async function chooseImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return []
  try {
    const result = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return result.tempFiles.map((file) => ({ previewUrl: file.tempFilePath, source: file.tempFilePath }))
  } catch {
    return []
  }
}

export function uploadImage(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded> {
  return uploadPhoto(source, 'products', IMAGE_MAX_SIDE, onProgress)
}

/** `source` is the temp path `<Button openType='chooseAvatar'>` hands over: it lives only on this phone until uploaded. */
export function uploadAvatar(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded> {
  return uploadPhoto(source, 'avatars', AVATAR_MAX_SIDE, onProgress)
}

export async function chooseImportFile(): Promise<PickedFile | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'json'] })
    const file = tempFiles[0]
    return file ? { name: file.name, size: file.size, source: file.path } : null
  } catch {
    return null
  }
}

export async function uploadFile(file: PickedFile, onProgress?: ProgressHandler): Promise<Uploaded> {
  const ext = importExtensionOf(file)
  if (typeof file.source !== 'string') throw new AppError('INVALID_ARGUMENT', UNREADABLE_FILE)
  return upload(file.source, await cloudPathFor('imports', ext), onProgress)
}

/** Saving needs the album permission: when it was refused before, the user is sent to the settings to allow it. */
export async function saveImageToAlbum(url: string, _fileName?: string): Promise<boolean> {
  let tempFilePath: string
  try {
    const downloaded = await Taro.downloadFile({ url })
    if (downloaded.statusCode !== 200) throw new Error('download')
    tempFilePath = downloaded.tempFilePath
  } catch {
    throw new AppError('INTERNAL', '图片下载失败，请检查网络后重试')
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return true
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? ''
    // Declining the privacy guide (the consent popup said what it costs) is not refusing the album.
    if (/cancel/i.test(message) || isPrivacyRefusal(error)) return false
    if (!/auth|deny|denied/i.test(message)) throw new AppError('INTERNAL', '保存失败，请稍后再试')
  }
  // Refused once: WeChat no longer asks, so the user must allow it in the settings.
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '保存图片需要访问你的相册，请在设置中允许「保存到相册」',
    confirmText: '去设置',
    cancelText: '取消',
  })
  if (!confirm) return false
  const { authSetting } = await Taro.openSetting()
  if (!authSetting['scope.writePhotosAlbum']) return false
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  return true
}
