import Taro from '@tarojs/taro'
import type { DraftImage } from '@/supplier/publish/form/draft'

/** A linked product as the form shows it. */
export interface DraftProduct {
  _id: string
  description: string
  thumbnail: string
}

/** 发布动态 as typed: kept in storage at every change, so leaving the page loses nothing (SPEC §6). */
export interface PostDraft {
  text: string
  images: DraftImage[]
  products: DraftProduct[]
}

export const emptyPostDraft: PostDraft = { text: '', images: [], products: [] }

export const postDraftKey = (userId: string) => `wegong.postDraft.${userId}`

export function isBlank(draft: PostDraft): boolean {
  return draft.text === '' && draft.images.length === 0 && draft.products.length === 0
}

export function loadPostDraft(key: string): PostDraft | null {
  try {
    const value = Taro.getStorageSync(key) as unknown
    if (!value || typeof value !== 'object') return null
    const draft = value as Partial<PostDraft>
    if (typeof draft.text !== 'string' || !Array.isArray(draft.images) || !Array.isArray(draft.products)) return null
    return { text: draft.text, images: draft.images, products: draft.products }
  } catch {
    return null
  }
}

export function savePostDraft(key: string, draft: PostDraft): void {
  try {
    if (isBlank(draft)) Taro.removeStorageSync(key)
    else Taro.setStorageSync(key, draft)
  } catch {
    // Without storage the draft lives only as long as the page.
  }
}
