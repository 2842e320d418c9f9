import { existsSync, statSync } from 'node:fs'
import { z } from 'zod'
import { startLocalCloud, type SeedHook } from './cloud'
import { Openid } from './cloud-env'

/**
 * What a deployment hands the local cloud's command line: its seeds by name (`WEGONG_SEED` picks
 * one, the first by default; `none` starts empty), its functions' configuration, which the same
 * variables in the environment override, and its storage rule. The local cloud knows no product: its entry supplies these.
 */
export interface Deployment {
  seeds: Readonly<Record<string, SeedHook>>
  functionEnv: Readonly<Record<string, string>>
  /** Its storage rule for front-end writes (see `LocalCloudOptions.storageWriteRule`). */
  storageWriteRule?: string | boolean
}

const unset = (value: unknown) => (value === '' ? undefined : value)
const configOf = (seedNames: readonly string[]) =>
  z.object({
    WEGONG_PORT: z.preprocess(unset, z.coerce.number().int().min(0).max(65_535).default(8787)),
    WEGONG_DATA: z.preprocess(unset, z.string().default('.data')),
    WEGONG_SEED: z.preprocess(unset, z.enum(['none', ...seedNames]).default(seedNames[0] ?? 'none')),
    WEGONG_OPERATORS: z.preprocess(
      unset,
      z
        .string()
        .default('')
        .transform((list) =>
          list
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        )
        .pipe(z.array(Openid)),
    ),
    WEGONG_H5_DIR: z.preprocess(
      unset,
      z
        .string()
        .refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), 'is not a directory (build the H5 app first: npm run build:h5)')
        .optional(),
    ),
    WEGONG_FUNCTIONS_DIR: z.preprocess(unset, z.string().default('dist/cloudfunctions')),
    // 1: an empty environment that `npm run deploy -- --env local --apply` fills (no seed, no built functions).
    WEGONG_MANAGED: z.preprocess(unset, z.enum(['0', '1']).default('0')),
    /** Where the H5 app is opened, if not on this server (QR codes link there). */
    WEGONG_PUBLIC_URL: z.preprocess(unset, z.string().url().optional()),
  })

/** `npm run cloud`: the local cloud alone, configured from the environment (SPEC §5), running `deployment`. */
export function runLocalCloud(deployment: Deployment): void {
  main(deployment).catch((error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? ' (another local cloud running? pick another WEGONG_PORT)' : ''
    console.error(`local cloud failed to start: ${error.message}${hint}`)
    process.exit(1)
  })
}

async function main({ seeds, functionEnv, storageWriteRule }: Deployment): Promise<void> {
  const parsed = configOf(Object.keys(seeds)).safeParse(process.env)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`)
    process.exit(2)
  }
  const config = parsed.data
  const cloud = await startLocalCloud({
    port: config.WEGONG_PORT,
    dataDir: config.WEGONG_DATA,
    functionsDir: config.WEGONG_FUNCTIONS_DIR,
    managed: config.WEGONG_MANAGED === '1',
    seed: config.WEGONG_SEED === 'none' || config.WEGONG_MANAGED === '1' ? undefined : seeds[config.WEGONG_SEED],
    operators: config.WEGONG_OPERATORS,
    // The deployment's function configuration; the same variables in this environment win.
    functionEnv: Object.fromEntries(Object.entries(functionEnv).map(([key, value]) => [key, process.env[key] ?? value])),
    storageWriteRule,
    staticDir: config.WEGONG_H5_DIR,
    publicUrl: config.WEGONG_PUBLIC_URL,
    log: (line) => console.error(line),
    logCalls: true,
  })
  console.log(
    `微供 local cloud on ${cloud.url} (data ${config.WEGONG_DATA}${cloud.clock.offsetMs ? `, clock +${cloud.clock.offsetMs} ms` : ''})`,
  )
  if (config.WEGONG_H5_DIR) console.log(`H5 app at ${config.WEGONG_PUBLIC_URL ?? cloud.url}/`)

  let stopping = false
  const stop = (signal: string) => {
    // A second Ctrl-C while shutting down means "now".
    if (stopping) process.exit(1)
    stopping = true
    console.log(`${signal}: stopping`)
    cloud.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}
