import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type EnvironmentConfig, Secrets, chooseEnvironment, readEnvironments, variablesFor } from '../../scripts/deploy/environments'
import { uploadRequest } from '../../scripts/deploy/upload'

const root = path.resolve(__dirname, '../..')
const outside = mkdtempSync(path.join(tmpdir(), 'wegong-secrets-'))
afterAll(() => rmSync(outside, { recursive: true, force: true }))

const staging: EnvironmentConfig = {
  envId: 'wegong-staging-1a2b',
  appid: 'wx0123456789abcdef',
  robot: 2,
  variables: {
    '*': { WEGONG_CODE_ENV_VERSION: 'trial' },
    order: { WEGONG_PAY_SUB_MCH_ID: { secret: 'WEGONG_PAY_SUB_MCH_ID' } },
  },
}

describe('environments and secrets', () => {
  it('gives each function the shared variables and its own, reading secret ones from the secrets', () => {
    const of = variablesFor(staging, Secrets.of({ WEGONG_PAY_SUB_MCH_ID: '1230000109' }))
    expect(of('order')).toEqual({ WEGONG_CODE_ENV_VERSION: 'trial', WEGONG_PAY_SUB_MCH_ID: '1230000109' })
    expect(of('feed')).toEqual({ WEGONG_CODE_ENV_VERSION: 'trial' })
  })

  it('names a missing secret and where to set it, and never a value', () => {
    const file = path.join(outside, 'secrets.json')
    writeFileSync(file, JSON.stringify({ TENCENTCLOUD_SECRETID: 'AKIDsecretvalue' }))
    const secrets = Secrets.load(root, file)
    expect(() => variablesFor(staging, secrets)('order')).toThrow(
      `missing secret WEGONG_PAY_SUB_MCH_ID: set it in the environment or in ${file}`,
    )
    expect(secrets.get('TENCENTCLOUD_SECRETID')).toBe('AKIDsecretvalue')
    expect(() => secrets.get('TENCENTCLOUD_SECRETKEY')).toThrow(/^missing secret TENCENTCLOUD_SECRETKEY/)
  })

  it('refuses a secrets file inside the repo, where it could be committed', () => {
    expect(() => Secrets.load(root, path.join(root, 'secrets.json'))).toThrow(/inside the repo/)
  })

  it('maps local, staging and production to environment ids, the local one at the local cloud', () => {
    const file = readEnvironments(path.join(root, 'environments.json'))
    expect(Object.keys(file.environments)).toEqual(['local', 'staging', 'production'])
    expect(chooseEnvironment(file, 'local')).toMatchObject({ envId: 'local-env', endpoint: 'http://127.0.0.1:8787' })
    expect(() => chooseEnvironment(file, 'prod')).toThrow('unknown environment "prod"; environments.json names local, staging, production')
  })
})

describe('npm run upload', () => {
  const repo = { version: '0.1.0', lastCommit: 'abc1234 Going live in one command', root }

  it('uploads the package version as the environment robot, described by the last commit', () => {
    const request = uploadRequest('staging', staging, Secrets.of({ WEGONG_UPLOAD_KEY: 'PRIVATE KEY' }), repo, { preview: true })
    expect(request).toEqual({
      preview: true,
      appid: 'wx0123456789abcdef',
      privateKey: 'PRIVATE KEY',
      version: '0.1.0',
      desc: 'staging: abc1234 Going live in one command',
      robot: 2,
      projectPath: root,
    })
  })

  it('names what is missing before building: the upload key, the AppID, the robot', () => {
    expect(() => uploadRequest('staging', staging, Secrets.of({}), repo, { preview: false })).toThrow(/missing secret WEGONG_UPLOAD_KEY/)
    const key = Secrets.of({ WEGONG_UPLOAD_KEY: 'k' })
    expect(() => uploadRequest('staging', { ...staging, appid: 'touristappid' }, key, repo, { preview: false })).toThrow(/no AppID/)
    expect(() => uploadRequest('staging', { ...staging, robot: undefined }, key, repo, { preview: false })).toThrow(/needs "robot"/)
  })
})
