import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * The layers' import rules (.eslintrc.cjs) refuse what they promise: a probe source is linted as if
 * it lived at each path, and the import-rule errors are read back.
 */
const eslint = new ESLint({ cwd: process.cwd() })

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
  ])('when %s imports %s, then lint allows it', async (filePath, specifier) => {
    expect(await refusedImports(filePath, line(specifier))).toEqual([])
  })

  it('when demo data imports a store record as a type only, then lint allows it', async () => {
    expect(await refusedImports('demo/probe.ts', line('../cloudfunctions/lib/store/users', true))).toEqual([])
  })
})
