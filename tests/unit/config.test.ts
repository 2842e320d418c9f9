import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../cloudfunctions/lib/platform/config'

describe('function configuration (parsed once at start)', () => {
  it('when nothing is set, then there are no operators and codes open the release build', () => {
    expect(parseConfig({})).toEqual({ ok: true, config: { WEGONG_OPERATORS: [], WEGONG_CODE_ENV_VERSION: 'release' } })
  })

  it('when operators are listed with spaces and empty entries, then each OPENID is kept once trimmed', () => {
    const result = parseConfig({ WEGONG_OPERATORS: ' op-1, ,oABC_123 ', WEGONG_CODE_ENV_VERSION: 'trial' })
    expect(result).toEqual({ ok: true, config: { WEGONG_OPERATORS: ['op-1', 'oABC_123'], WEGONG_CODE_ENV_VERSION: 'trial' } })
  })

  it.each([
    [{ WEGONG_CODE_ENV_VERSION: 'prod' }, 'WEGONG_CODE_ENV_VERSION'],
    [{ WEGONG_OPERATORS: 'op 1' }, 'WEGONG_OPERATORS'],
  ])('when %j is set, then the problem names the variable', (env, variable) => {
    const result = parseConfig(env)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.problem).toContain(variable)
  })
})
