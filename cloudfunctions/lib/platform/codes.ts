import { AppError } from '@/domain/errors'
import type { Page } from '@/domain/routes'
import { cloud } from './cloud'
import { config } from './config'
import { viewableUrls } from './files'

/** Pages a mini-program code can open; they read `scene` from their launch options. */
export const codePages = {
  bind: 'pages/bind/index',
  product: 'pages/product/index',
  /** The customer view of a share (R16); the scene is the share token. */
  share: 'pages/share/index',
  /** The customer view of a shared selection (多选分享); the scene is the selection's token. */
  selection: 'pages/selection/index',
  /** The customer view of an agent's storefront (我的小店); the scene is the storefront's token. */
  storefront: 'pages/storefront/view/index',
} as const satisfies Record<string, Page>

/**
 * Makes a mini-program code (wxacode.getUnlimited: unlimited in number, scene ≤ 32 chars) and keeps
 * its image in cloud storage, so each code is generated once. `check_path: false` and the
 * configured env version let codes work before the page is released (trial/develop builds).
 */
export async function makeCode(page: Page, scene: string, cloudPath: string): Promise<string> {
  try {
    const result = (await cloud.openapi.wxacode.getUnlimited({
      scene,
      page,
      checkPath: false,
      envVersion: config().WEGONG_CODE_ENV_VERSION,
      width: 430,
    })) as { buffer: Buffer }
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: result.buffer })
    return fileID
  } catch (error) {
    console.error('[wegong] mini-program code failed', error)
    throw new AppError('INTERNAL', '生成小程序码失败，请稍后再试')
  }
}

/** A temporary URL for a stored code image. */
export async function codeImageUrl(fileID: string): Promise<string> {
  const url = (await viewableUrls([fileID])).get(fileID)
  if (!url) throw new AppError('INTERNAL', '小程序码暂时无法显示，请稍后再试')
  return url
}
