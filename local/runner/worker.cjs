'use strict'
// Bootstrap of one warm function instance. Plain CommonJS so it runs in a bare worker thread (no TS
// loader), like the deployed function runs in WeChat's Node runtime. The worker gets its own
// `process.env` (worker option `env`), so the identity the parent sets here before each invocation is
// what the unmodified wx-server-sdk reads: getWXContext() and the wxCloudApiToken it sends.
const { parentPort, workerData } = require('node:worker_threads')

// The local clock's offset is shared memory written by the parent (POST /_local/clock), so warm
// instances see an advance immediately. Only argument-less `new Date()`, `Date()` and `Date.now()`
// move; `instanceof Date` keeps working because the proxy forwards `prototype`.
const offset = new BigInt64Array(workerData.clockOffset)
const RealDate = Date
const localNow = () => RealDate.now() + Number(Atomics.load(offset, 0))
globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [localNow()] : args, newTarget)
  },
  apply() {
    return new RealDate(localNow()).toString()
  },
  get(target, property) {
    return property === 'now' ? localNow : Reflect.get(target, property)
  },
})

// WeChat keeps an instance alive after a stray rejection; so do we, but say where it came from.
process.on('unhandledRejection', (reason) => {
  console.error(`[${workerData.functionName}] unhandled rejection:`, reason)
})

// The SDK as one bundled file (sdk-bundle.ts): the same code, found without walking its package tree.
const Module = require('node:module')
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'wx-server-sdk' ? workerData.sdkBundle : resolveFilename.call(this, request, ...rest)
}

const main = load()
if (main) {
  parentPort.on('message', invoke)
  parentPort.postMessage({ type: 'ready' })
}

// Like WeChat, the module loads once per instance and its state survives between invocations.
function load() {
  try {
    const exported = require(workerData.file).main
    if (typeof exported === 'function') return exported
    throw new Error(`${workerData.file} does not export an async main(event, context)`)
  } catch (error) {
    // The parent terminates this worker and fails the invocation with this message.
    parentPort.postMessage({ type: 'loadError', message: describe(error) })
    return null
  }
}

async function invoke({ id, event, context, env }) {
  for (const [key, value] of Object.entries(env)) {
    if (value === null) delete process.env[key]
    else process.env[key] = value
  }
  try {
    const result = await main(event, context)
    parentPort.postMessage({ type: 'result', id, json: JSON.stringify(result) })
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, message: describe(error) })
  }
}

function describe(error) {
  return error instanceof Error ? error.stack || error.message : String(error)
}
