import type * as H5 from './index.h5'
import type * as Weapp from './index.weapp'
import type { PosterApi } from './types'

/** `@/api/poster`: the Canvas 2D poster (R16), per platform like `@/api/storage`. */
export * from './index.weapp'
export type { PosterData } from './draw'

type Offers<Build extends PosterApi> = Build
export type WeappBuild = Offers<typeof Weapp>
export type H5Build = Offers<typeof H5>
