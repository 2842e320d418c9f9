import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CONSOLE_ONLY } from '../../scripts/deploy/console-only'
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
    const request = uploadRequest('staging', staging, Secrets.of({ WEGONG_MP_UPLOAD_KEY: 'PRIVATE KEY' }), repo, { preview: true })
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

  it('reads the code upload key from a secret no function is given (the functions seal uploads with their own)', () => {
    const secrets = Secrets.of({ WEGONG_MP_UPLOAD_KEY: 'PRIVATE KEY', WEGONG_UPLOAD_KEY: 'the functions’ sealing secret' })
    expect(uploadRequest('staging', staging, secrets, repo, { preview: false }).privateKey).toBe('PRIVATE KEY')
    const config = readEnvironments(path.join(root, 'environments.json'))
    for (const name of ['local', 'staging', 'production']) {
      expect(JSON.stringify(chooseEnvironment(config, name).variables)).not.toContain('WEGONG_MP_UPLOAD_KEY')
    }
  })

  it('names what is missing before building: the upload key, the AppID, the robot', () => {
    expect(() => uploadRequest('staging', staging, Secrets.of({}), repo, { preview: false })).toThrow(/missing secret WEGONG_MP_UPLOAD_KEY/)
    const key = Secrets.of({ WEGONG_MP_UPLOAD_KEY: 'k' })
    expect(() => uploadRequest('staging', { ...staging, appid: 'touristappid' }, key, repo, { preview: false })).toThrow(/no AppID/)
    expect(() => uploadRequest('staging', { ...staging, robot: undefined }, key, repo, { preview: false })).toThrow(/needs "robot"/)
  })
})

describe('the console-only list the deploy prints', () => {
  const launchRows = readFileSync(path.join(root, 'docs', 'launch.md'), 'utf8')
    .split('\n\n## ')[0]
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Setting') && !line.startsWith('| ---'))
    .map((line) => line.slice(2).split(' (')[0].trim())

  it('names every setting of docs/launch.md', () => {
    expect(launchRows.length).toBeGreaterThan(0)
    expect(launchRows.filter((setting) => !CONSOLE_ONLY.some((item) => item.startsWith(setting)))).toEqual([])
  })

  it('asks to check 云调用权限 of exactly the functions whose config.json needs openapi', () => {
    const functionsDir = path.join(root, 'cloudfunctions')
    const needing = readdirSync(functionsDir)
      .filter((name) => existsSync(path.join(functionsDir, name, 'config.json')))
      .filter((name) => {
        const config = JSON.parse(readFileSync(path.join(functionsDir, name, 'config.json'), 'utf8')) as {
          permissions?: { openapi?: string[] }
        }
        return (config.permissions?.openapi ?? []).length > 0
      })
      .sort()
    const item = CONSOLE_ONLY.find((line) => line.includes('云调用权限')) ?? ''
    expect(/each of ([^:]+):/.exec(item)?.[1].split(', ')).toEqual(needing)
  })

  it('counts the subscribe templates the environments give ids for', () => {
    const config = readEnvironments(path.join(root, 'environments.json'))
    const production = JSON.stringify(chooseEnvironment(config, 'production').variables)
    const templates = new Set(production.match(/WEGONG_SUBSCRIBE_[A-Z_]+/g))
    const words = ['', 'one', 'two', 'three', 'four', 'five']
    expect(CONSOLE_ONLY.find((line) => line.startsWith('订阅消息'))).toContain(`add the ${words[templates.size]} templates`)
  })
})
