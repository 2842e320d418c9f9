import Taro from '@tarojs/taro'
import { AppError } from '@/domain/errors'
import { IMPORT_FILE_MAX_BYTES } from '@/domain/catalog'
import { callCloud, initCloud } from '@/api/cloud'
import { currentOpenid } from '@/persona'

/**
 * The one place the app puts files into cloud storage: product images and catalogue import files.
 * In the mini-program it goes through wx.cloud (compressing images first); in the H5 build it posts
 * the bytes to the local cloud's `/storage/upload`, naming the persona like `callCloud` does.
 *
 * Every file lands in the caller's own upload folder because the functions only accept a user's own
 * uploads (R9: a file ID is not a secret).
 */
export interface Uploaded {
  fileID: string
  /** A URL to show the file right away (temporary). */
  url: string
}

/** 0…1 */
export type ProgressHandler = (fraction: number) => void

/** What the picker hands over: a temp path in the mini-program, the File itself in H5. */
export interface PickedImage {
  /** Shown as the thumbnail while uploading. */
  previewUrl: string
  source: string | File
}

const isH5 = process.env.TARO_ENV === 'h5'
/** The longer side of an uploaded image: sharp on any phone, small enough to upload on 4G. */
const IMAGE_MAX_SIDE = 1280
const UPLOAD_FAILED = '上传失败，请检查网络后重试'

/**
 * The caller's own upload folder (`uploads/<key>/`, from `user.login`): the functions accept only
 * files from there. Only the mini-program needs it; the local cloud files H5 uploads there itself.
 * The session hands it over after each login; a login of our own happens only if an upload comes first.
 */
let folder: Promise<string> | null = null
export function rememberUploadDir(uploadDir: string): void {
  folder = Promise.resolve(uploadDir)
}

function uploadFolder(): Promise<string> {
  if (!folder) {
    folder = callCloud('user', 'login', {}).then(
      ({ uploadDir }) => uploadDir,
      (error: unknown) => {
        folder = null
        throw error
      },
    )
  }
  return folder
}

function randomName(ext: string): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`
}

// ---------------------------------------------------------------- H5

interface UploadAnswer {
  ok: boolean
  data?: { fileID: string; tempFileURL: string }
  error?: { message: string }
}

function postToLocalCloud(body: Blob, cloudPath: string | null, onProgress?: ProgressHandler): Promise<Uploaded> {
  const query = cloudPath ? `?cloudPath=${encodeURIComponent(cloudPath)}` : ''
  return new Promise((resolve, reject) => {
    // XHR rather than fetch: only XHR reports upload progress.
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${process.env.TARO_APP_CLOUD_URL ?? ''}/storage/upload${query}`)
    xhr.setRequestHeader('x-wegong-openid', currentOpenid())
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total)
    }
    xhr.onerror = () => reject(new AppError('INTERNAL', UPLOAD_FAILED))
    xhr.onload = () => {
      let answer: UploadAnswer | null = null
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer
      } catch {
        answer = null
      }
      if (answer?.ok && answer.data) {
        onProgress?.(1)
        resolve({ fileID: answer.data.fileID, url: answer.data.tempFileURL })
      } else {
        reject(new AppError('INVALID_ARGUMENT', xhr.status === 400 ? '文件格式不支持，请选择 JPG 或 PNG 图片' : UPLOAD_FAILED))
      }
    }
    xhr.send(body)
  })
}

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new AppError('INVALID_ARGUMENT', '图片无法读取，请换一张'))
    image.src = url
  })
}

/** Large or heavy photos become a JPEG of at most 1280 px on the longer side; small ones go as they are. */
async function compressInBrowser(file: File): Promise<Blob> {
  const image = await loadImage(file)
  const longer = Math.max(image.naturalWidth, image.naturalHeight)
  if (longer <= IMAGE_MAX_SIDE && file.size <= 400 * 1024) return file
  const scale = Math.min(1, IMAGE_MAX_SIDE / longer)
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(image.naturalWidth * scale)
  canvas.height = Math.round(image.naturalHeight * scale)
  const context = canvas.getContext('2d')
  if (!context) return file
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
  return blob && blob.size < file.size ? blob : file
}

// ---------------------------------------------------------------- weapp

async function compressInWeapp(path: string): Promise<string> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    const longer = Math.max(info.width, info.height)
    const options: Taro.compressImage.Option = { src: path, quality: 80 }
    if (longer > IMAGE_MAX_SIDE) {
      if (info.width >= info.height) options.compressedWidth = IMAGE_MAX_SIDE
      else options.compressedHeight = IMAGE_MAX_SIDE
    }
    const { tempFilePath } = await Taro.compressImage(options)
    return tempFilePath
  } catch {
    // Some formats (e.g. GIF) cannot be compressed; upload the original.
    return path
  }
}

function uploadInWeapp(filePath: string, cloudPath: string, onProgress?: ProgressHandler): Promise<Uploaded> {
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

// ---------------------------------------------------------------- the API

/** Lets the user pick up to `count` photos from the album or the camera. Cancelling gives []. */
export async function chooseImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return []
  try {
    const result = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return result.tempFiles.map((file) => {
      const original = (file as { originalFileObj?: File }).originalFileObj
      return { previewUrl: file.tempFilePath, source: isH5 && original ? original : file.tempFilePath }
    })
  } catch {
    return []
  }
}

/** Compresses and uploads one product image; `onProgress` runs from 0 to 1. */
export async function uploadImage(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded> {
  if (isH5) {
    if (typeof source === 'string') throw new AppError('INVALID_ARGUMENT', '图片无法读取，请重新选择')
    const body = await compressInBrowser(source)
    // No cloud path: the local cloud names it under the caller's folder by its content type.
    return postToLocalCloud(body, null, onProgress)
  }
  if (typeof source !== 'string') throw new AppError('INVALID_ARGUMENT', '图片无法读取，请重新选择')
  const compressed = await compressInWeapp(source)
  const ext = /\.(png|jpe?g|gif|webp)$/i.exec(compressed)?.[1]?.toLowerCase() ?? 'jpg'
  return uploadInWeapp(compressed, `${await uploadFolder()}products/${randomName(ext)}`, onProgress)
}

export interface PickedFile {
  name: string
  size: number
  source: string | File
}

/** H5: a hidden file input; resolves null when the user closes the chooser without a file. */
function pickFileInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.json,text/csv,application/json'
    input.className = 'import-file-input'
    input.style.cssText = 'position:fixed;left:-3000px;top:-3000px;'
    const done = (file: PickedFile | null) => {
      input.remove()
      resolve(file)
    }
    input.onchange = () => {
      const file = input.files?.[0]
      done(file ? { name: file.name, size: file.size, source: file } : null)
    }
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

/** A CSV or JSON catalogue file: picked from a WeChat chat in the mini-program (R15), from disk in H5. */
export async function chooseImportFile(): Promise<PickedFile | null> {
  if (isH5) return pickFileInBrowser()
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'json'] })
    const file = tempFiles[0]
    return file ? { name: file.name, size: file.size, source: file.path } : null
  } catch {
    return null
  }
}

/** Uploads a catalogue import file to `imports/` in the caller's folder (where catalog.importFile reads it). */
export async function uploadFile(file: PickedFile, onProgress?: ProgressHandler): Promise<Uploaded> {
  const ext = /\.(csv|json)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (!ext) throw new AppError('INVALID_ARGUMENT', '请选择 .csv 或 .json 文件')
  if (file.size > IMPORT_FILE_MAX_BYTES) throw new AppError('INVALID_ARGUMENT', `文件过大，最大 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`)
  const name = randomName(ext)
  if (isH5) {
    if (typeof file.source === 'string') throw new AppError('INVALID_ARGUMENT', '文件无法读取，请重新选择')
    return postToLocalCloud(file.source, `imports/${name}`, onProgress)
  }
  if (typeof file.source !== 'string') throw new AppError('INVALID_ARGUMENT', '文件无法读取，请重新选择')
  return uploadInWeapp(file.source, `${await uploadFolder()}imports/${name}`, onProgress)
}

/**
 * Saves an image (a code, a product photo) to the phone's album. In the mini-program this needs the
 * album permission: when it was refused before, the user is sent to the settings to allow it.
 * In H5 the browser downloads the image instead. Resolves true when saved.
 */
export async function saveImageToAlbum(url: string, fileName = 'wegong-code.png'): Promise<boolean> {
  if (isH5) {
    try {
      const response = await fetch(url)
      const blob = await response.blob()
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = fileName
      document.body.appendChild(link)
      link.click()
      link.remove()
      return true
    } catch {
      window.open(url, '_blank')
      return true
    }
  }
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
    if (/cancel/i.test(message)) return false
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
