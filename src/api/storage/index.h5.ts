import Taro from '@tarojs/taro'
import { AppError } from '@/domain/app-error'
import type { UploadExtension } from '@/domain/files'
import { currentOpenid } from '@/persona'
import { UNREADABLE_FILE, UNREADABLE_IMAGE, UPLOAD_FAILED, cloudPathFor, imageExtensionOf, importExtensionOf } from './cloud-path'
import { AVATAR_MAX_SIDE, IMAGE_MAX_SIDE, IMAGE_QUALITY, scaledSize } from './image-size'
import type { PickedFile, PickedImage, ProgressHandler, Uploaded, UploadKind } from './types'

/**
 * The H5 build (local cloud, tests, demos): files are posted to the local cloud's
 * `/storage/upload?cloudPath=`, its stand-in for wx.cloud.uploadFile, at the same path the
 * mini-program would choose (./cloud-path.ts) and as the persona, like `callCloud`.
 */
export type { PickedFile, PickedImage, ProgressHandler, Uploaded, UploadKind } from './types'

interface UploadAnswer {
  ok: boolean
  data?: { fileID: string; tempFileURL: string }
}

const TOO_LARGE = '文件过大，请换一个小一点的文件'

function post(body: Blob, cloudPath: string, onProgress?: ProgressHandler): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    // XHR rather than fetch: only XHR reports upload progress.
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${process.env.TARO_APP_CLOUD_URL ?? ''}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`)
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
        reject(xhr.status === 413 ? new AppError('INVALID_ARGUMENT', TOO_LARGE) : new AppError('INTERNAL', UPLOAD_FAILED))
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

/** Large or heavy photos become a JPEG scaled as `scaledSize` says; small ones go as they are. */
async function compress(file: File, maxSide: number): Promise<Blob> {
  const image = await loadImage(file)
  const size = scaledSize(image.naturalWidth, image.naturalHeight, maxSide)
  if (size.width === image.naturalWidth && file.size <= 400 * 1024) return file
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) return file
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', IMAGE_QUALITY))
  return blob && blob.size < file.size ? blob : file
}

const EXTENSION_OF_TYPE: Record<string, UploadExtension | undefined> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

async function uploadPhoto(source: string | File, kind: UploadKind, maxSide: number, onProgress?: ProgressHandler): Promise<Uploaded> {
  if (typeof source === 'string') throw new AppError('INVALID_ARGUMENT', UNREADABLE_IMAGE)
  const body = await compress(source, maxSide)
  const ext = EXTENSION_OF_TYPE[body.type] ?? imageExtensionOf(source.name) ?? 'jpg'
  return post(body, await cloudPathFor(kind, ext), onProgress)
}

export async function chooseImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return []
  try {
    const result = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return result.tempFiles.map((file) => {
      // Taro's H5 chooser keeps the picked File; its temp path is a blob URL only good for previews.
      const original = (file as { originalFileObj?: File }).originalFileObj
      return { previewUrl: file.tempFilePath, source: original ?? file.tempFilePath }
    })
  } catch {
    return []
  }
}

export function uploadImage(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded> {
  return uploadPhoto(source, 'products', IMAGE_MAX_SIDE, onProgress)
}

export function uploadAvatar(source: string | File, onProgress?: ProgressHandler): Promise<Uploaded> {
  return uploadPhoto(source, 'avatars', AVATAR_MAX_SIDE, onProgress)
}

/** A hidden file input; resolves null when the user closes the chooser without a file. */
export function chooseImportFile(): Promise<PickedFile | null> {
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

export async function uploadFile(file: PickedFile, onProgress?: ProgressHandler): Promise<Uploaded> {
  const ext = importExtensionOf(file)
  if (typeof file.source === 'string') throw new AppError('INVALID_ARGUMENT', UNREADABLE_FILE)
  return post(file.source, await cloudPathFor('imports', ext), onProgress)
}

/** The browser downloads the image instead of saving it to an album. */
export async function saveImageToAlbum(url: string, fileName = 'wegong-code.png'): Promise<boolean> {
  try {
    const response = await fetch(url)
    const blob = await response.blob()
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
  } catch {
    window.open(url, '_blank')
  }
  return true
}
