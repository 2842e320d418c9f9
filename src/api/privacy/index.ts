import type * as H5 from './index.h5'
import type * as Weapp from './index.weapp'
import type { PrivacyApi } from './types'

/**
 * `@/api/privacy`: WeChat's privacy consent (R20). As in `@/api/storage`, Taro builds resolve the
 * platform's file; this file is what tsc sees, and it fails to compile when either build drifts from
 * the shared API (./types.ts).
 */
export * from './index.weapp'
export type { ConsentListener, ConsentRequest } from './types'

type Offers<Build extends PrivacyApi> = Build
export type WeappBuild = Offers<typeof Weapp>
export type H5Build = Offers<typeof H5>
