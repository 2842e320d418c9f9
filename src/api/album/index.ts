import type * as H5 from './index.h5'
import type * as Weapp from './index.weapp'
import type { AlbumApi } from './types'

/**
 * `@/api/album`: the clipboard and the photo album for 一键转发 and posters (R16). As in
 * `@/api/storage`, Taro builds resolve the platform's file; this file is what tsc sees, and it fails
 * to compile when either build drifts from the shared API (./types.ts).
 */
export * from './index.weapp'
export { saveAll, type SaveProgress } from './batch'

type Offers<Build extends AlbumApi> = Build
export type WeappBuild = Offers<typeof Weapp>
export type H5Build = Offers<typeof H5>
