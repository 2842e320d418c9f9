import Taro from '@tarojs/taro'
import { toAppError } from '@/api/cloud'

/** What went wrong, in a toast (SPEC §6: plain Chinese), for an action that has no field to show it under. */
export function toastError(error: unknown, duration?: number): void {
  void Taro.showToast({ title: toAppError(error).message, icon: 'none', ...(duration ? { duration } : {}) })
}
