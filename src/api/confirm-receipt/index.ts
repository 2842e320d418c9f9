import type * as H5 from './index.h5'
import type * as Weapp from './index.weapp'
import type { ConfirmReceiptApi } from './types'

/**
 * `@/api/confirm-receipt`: WeChat's confirm-receipt component for orders paid by WeChat Pay whose
 * shipment WeChat has (R20). Taro builds resolve the platform's file; this file is what tsc sees, and
 * it fails to compile when either build drifts from the shared API (./types.ts).
 */
export * from './index.weapp'
export type { WeChatConfirmOutcome } from './types'

type Offers<Build extends ConfirmReceiptApi> = Build
export type WeappBuild = Offers<typeof Weapp>
export type H5Build = Offers<typeof H5>
