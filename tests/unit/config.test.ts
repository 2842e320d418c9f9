import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../cloudfunctions/lib/platform/config'

describe('function configuration (parsed once at start)', () => {
  it('when nothing is set, then there are no operators and codes open the release build', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { WEGONG_OPERATORS: [], WEGONG_CODE_ENV_VERSION: 'release' } })
  })

  it('when operators are listed with spaces and empty entries, then each OPENID is kept once trimmed', () => {
    const result = parseConfig({ WEGONG_OPERATORS: ' op-1, ,oABC_123 ', WEGONG_CODE_ENV_VERSION: 'trial' })
    expect(result).toMatchObject({ ok: true, config: { WEGONG_OPERATORS: ['op-1', 'oABC_123'], WEGONG_CODE_ENV_VERSION: 'trial' } })
  })

  it('when pay, subscribe messages and the upload key are not configured, then they are empty (not paid, not sent, no uploads)', () => {
    expect(parseConfig({})).toMatchObject({
      ok: true,
      config: {
        WEGONG_PAY_SUB_MCH_ID: '',
        WEGONG_SUBSCRIBE_ORDER_PAID: '',
        WEGONG_SUBSCRIBE_ORDER_SHIPPED: '',
        WEGONG_SUBSCRIBE_ORDER_CANCEL_SOON: '',
        WEGONG_UPLOAD_KEY: '',
        WEGONG_UPLOAD_KEY_PREVIOUS: '',
      },
    })
  })

  it.each([
    [{ WEGONG_CODE_ENV_VERSION: 'prod' }, 'WEGONG_CODE_ENV_VERSION'],
    [{ WEGONG_OPERATORS: 'op 1' }, 'WEGONG_OPERATORS'],
    [{ WEGONG_PAY_SUB_MCH_ID: '19000x' }, 'WEGONG_PAY_SUB_MCH_ID'],
    [{ WEGONG_SUBSCRIBE_ORDER_PAID: 'tpl id' }, 'WEGONG_SUBSCRIBE_ORDER_PAID'],
    [{ WEGONG_UPLOAD_KEY: 'too-short-to-be-secret' }, 'WEGONG_UPLOAD_KEY'],
    [{ WEGONG_UPLOAD_KEY_PREVIOUS: 'short' }, 'WEGONG_UPLOAD_KEY_PREVIOUS'],
  ])('when %j is set, then the problem names the variable', (env, variable) => {
    const result = parseConfig(env)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.problem).toContain(variable)
  })
})
