import type * as H5 from './index.h5'
import type * as Weapp from './index.weapp'
import type { StorageApi } from './types'

/**
 * `@/api/storage`, the one place the app puts files into cloud storage. As in `@/persona`, Taro
 * builds resolve the platform's file (index.weapp.ts: wx.cloud; index.h5.ts: the local cloud);
 * this file is what tsc and editors see, and it fails to compile when either build drifts from the
 * shared API (./types.ts).
 */
export * from './index.weapp'

type Offers<Build extends StorageApi> = Build
export type WeappBuild = Offers<typeof Weapp>
export type H5Build = Offers<typeof H5>
