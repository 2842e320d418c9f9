import { runLocalCloud } from '../local/cli'
import { demoFunctionEnv } from './function-env'
import { demoStorageWriteRule } from './storage-rule'

/**
 * `npm start` and `npm run cloud`: the local cloud running the product as the demo deployment —
 * the demo data as its seed (`WEGONG_SEED=demo`, the default; `none` starts empty) and the demo's
 * function configuration. The entry lives here so the local cloud itself imports no product code.
 */
runLocalCloud({
  // Loaded only when it seeds, so a start on an existing store does not load the demo's modules.
  seeds: { demo: async (tools) => (await import('./seed')).seedDemo(tools) },
  functionEnv: demoFunctionEnv,
  storageWriteRule: demoStorageWriteRule,
})
