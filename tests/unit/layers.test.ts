import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * The layers' import rules (.eslintrc.cjs) refuse what they promise: a probe source is linted as if
 * it lived at each path, and the import-rule errors are read back.
 */
const eslint = new ESLint({ cwd: process.cwd() })

// The first lint loads the parser and every plugin: seconds on a busy machine, more than a test's 5.
beforeAll(async () => {
  await eslint.lintText('export {}\n', { filePath: 'src/domain/probe.ts' })
}, 60_000)

/** Every import-rule message, for rules on import names (the message names the name, then the source). */
async function importMessages(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

async function syntaxRefusals(filePath: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length
}

async function refusedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message.split("'")[1] ?? '')
}

const line = (specifier: string, type = false) => `import ${type ? 'type ' : ''}{ x } from '${specifier}'\n\nexport const y = x\n`

describe('layer import rules', () => {
  // ESLint loads its configuration and plugins on first use, seconds on a busy machine: done once
  // here, so no case spends its own timeout on it.
  beforeAll(async () => {
    await refusedImports('src/domain/probe.ts', line('./zod'))
  }, 60_000)

  it.each([
    ['src/domain/probe.ts', '@tarojs/taro'],
    ['src/domain/probe.ts', 'react'],
    ['src/domain/probe.ts', 'wx-server-sdk'],
    ['src/domain/probe.ts', 'node:crypto'],
    ['src/domain/probe.ts', 'crypto'],
    ['src/domain/probe.ts', 'zod'],
    ['src/domain/probe.ts', '../../local/cloud'],
    ['src/domain/probe.ts', '@/api/cloud'],
    ['src/pages/feed/probe.ts', '../../../cloudfunctions/lib/platform/files'],
    ['src/supplier/home/probe.tsx', '../../../local/cloud'],
    ['cloudfunctions/lib/use-cases/probe.ts', '@tarojs/taro'],
    ['cloudfunctions/lib/use-cases/probe.ts', '../../../local/cloud'],
    ['local/probe.ts', '../cloudfunctions/lib/platform/files'],
    ['local/probe.ts', '../src/domain/tiers'],
    ['local/db/probe.ts', '../../src/domain/time'],
    ['local/probe.ts', '@/domain/tiers'],
    ['local/probe.ts', '../demo/seed'],
    ['local/runner/probe.ts', '../../demo/function-env'],
    ['demo/probe.ts', '../cloudfunctions/lib/store/users'],
    ['demo/probe.ts', '../cloudfunctions/lib/platform/files'],
    ['demo/probe.ts', '../cloudfunctions/lib/use-cases/orders'],
    ['demo/probe.ts', '../src/pages/feed/index'],
    ['demo/probe.ts', '@/api/cloud'],
    ['cloudfunctions/lib/use-cases/probe.ts', './orders'],
    ['cloudfunctions/lib/use-cases/probe.ts', '../use-cases/products'],
    ['cloudfunctions/lib/use-cases/probe.ts', 'wx-server-sdk'],
    ['cloudfunctions/lib/lifecycles/probe.ts', '../use-cases/order-placing'],
    ['cloudfunctions/lib/lifecycles/probe.ts', 'wx-server-sdk'],
    ['cloudfunctions/lib/store/probe.ts', '../lifecycles/orders'],
    ['cloudfunctions/lib/store/probe.ts', '../use-cases/orders'],
    ['cloudfunctions/lib/platform/probe.ts', '../lifecycles/orders'],
  ])('when %s imports %s, then lint refuses it', async (filePath, specifier) => {
    expect(await refusedImports(filePath, line(specifier))).toContain(specifier)
  })

  it.each([
    ['src/domain/probe.ts', './zod'],
    ['src/domain/zod.ts', 'zod'],
    ['src/pages/feed/probe.ts', '@/domain/tiers'],
    ['src/pages/feed/probe.ts', '@tarojs/taro'],
    ['cloudfunctions/lib/use-cases/probe.ts', '@/domain/tiers'],
    ['demo/probe.ts', '../src/domain/time'],
    ['demo/probe.ts', '../cloudfunctions/lib/store/ids'],
    ['demo/probe.ts', '../cloudfunctions/lib/platform/ids'],
    ['demo/probe.ts', '../local/cloud'],
    ['cloudfunctions/lib/use-cases/probe.ts', '../lifecycles/orders'],
    ['cloudfunctions/lib/use-cases/probe.ts', '../platform/files'],
    ['cloudfunctions/lib/use-cases/probe.ts', '../store/orders'],
    ['cloudfunctions/lib/lifecycles/probe.ts', '../store/orders'],
    ['cloudfunctions/lib/lifecycles/probe.ts', '../platform/pay'],
  ])('when %s imports %s, then lint allows it', async (filePath, specifier) => {
    expect(await refusedImports(filePath, line(specifier))).toEqual([])
  })

  it('when demo data imports a store record as a type only, then lint allows it', async () => {
    expect(await refusedImports('demo/probe.ts', line('../cloudfunctions/lib/store/users', true))).toEqual([])
  })

  it.each([
    ['cloudfunctions/lib/use-cases/probe.ts', 'cloud'],
    ['cloudfunctions/lib/use-cases/probe.ts', 'db'],
    ['cloudfunctions/lib/lifecycles/probe.ts', 'db'],
  ])("when %s takes the SDK's %s from platform/cloud, then lint refuses it", async (filePath, name) => {
    const messages = await importMessages(filePath, `import { ${name} } from '../platform/cloud'\n\nexport const y = ${name}\n`)
    expect(messages).toEqual([expect.stringContaining(`'${name}' import from '../platform/cloud'`)])
  })

  it('when a use case takes platform/cloud helpers that are not the SDK handles, then lint allows it', async () => {
    expect(
      await importMessages(
        'cloudfunctions/lib/use-cases/probe.ts',
        line('../platform/cloud').replace('{ x }', '{ isDuplicateKeyError as x }'),
      ),
    ).toEqual([])
  })

  it.each(['moveOrder', 'updateOrderIn'])(
    'when a use case imports %s from the order store, then lint refuses it (only the lifecycle moves orders)',
    async (name) => {
      const messages = await importMessages(
        'cloudfunctions/lib/use-cases/probe.ts',
        `import { ${name} } from '../store/orders'\n\nexport const y = ${name}\n`,
      )
      expect(messages).toEqual([expect.stringContaining(`'${name}' import from '../store/orders'`)])
      expect(
        await importMessages(
          'cloudfunctions/lib/lifecycles/probe.ts',
          `import { ${name} } from '../store/orders'\n\nexport const y = ${name}\n`,
        ),
      ).toEqual([])
    },
  )

  it.each([
    ['a move written by hand', 1, "export const changes = { status: 'completed', completedBy: 'timer' }\n"],
    ['a status checked by hand', 1, "export const payable = (o: { status: string }) => o.status !== 'pending_payment'\n"],
    ['the same, the other way round', 1, "export const payable = (o: { status: string }) => 'pending_payment' === o.status\n"],
    ['a new order, which starts unpaid', 0, "export const order = { status: 'pending_payment' }\n"],
    ["a product's status", 0, "export const onSale = (p: { status: string }) => p.status === 'on_sale'\n"],
  ])('when a use case holds %s, then lint refuses it %i time(s)', async (_name, refusals, source) => {
    expect(await syntaxRefusals('cloudfunctions/lib/use-cases/probe.ts', source)).toBe(refusals)
    expect(await syntaxRefusals('cloudfunctions/lib/lifecycles/probe.ts', source)).toBe(0)
  })
})
