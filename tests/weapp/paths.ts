import path from 'node:path'
import { inject } from 'vitest'
import { FUNCTIONS_DIR } from './demo'

/** The mini-program build the suite runs: dist/weapp, or WEGONG_WEAPP_DIR (e.g. a copy built elsewhere). */
export const WEAPP_DIR = path.resolve(process.env.WEGONG_WEAPP_DIR ?? path.join(__dirname, '../../dist/weapp'))

/** The shared demo cloud of the weapp project (tests/weapp/global-setup.ts); fails clearly without one. */
export function demoCloudUrl(): string {
  const url = inject('weappCloudUrl')
  if (!url) throw new Error(`${FUNCTIONS_DIR} has no built cloud functions: run npm run build:functions first`)
  return url
}
