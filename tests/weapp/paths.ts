import path from 'node:path'

/** The mini-program build the suite runs: dist/weapp, or WEGONG_WEAPP_DIR (e.g. a copy built elsewhere). */
export const WEAPP_DIR = path.resolve(process.env.WEGONG_WEAPP_DIR ?? path.join(__dirname, '../../dist/weapp'))
