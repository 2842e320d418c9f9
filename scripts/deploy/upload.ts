/**
 * `npm run upload -- --env <name> [--preview] [--desc <text>] [--secrets <file>]`: builds the weapp
 * for that environment's CloudBase id and uploads it with miniprogram-ci as the environment's robot
 * (version from package.json, description from the last commit); `--preview` prints the preview QR
 * code in the terminal instead. The code upload key comes from the secrets (WEGONG_MP_UPLOAD_KEY: not
 * WEGONG_UPLOAD_KEY, the functions' own secret that seals upload names, which every function is given).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type EnvironmentConfig, Secrets, chooseEnvironment, readEnvironments } from './environments'

const root = path.resolve(__dirname, '..', '..')

export interface UploadRequest {
  preview: boolean
  appid: string
  privateKey: string
  version: string
  desc: string
  robot: number
  /** The project folder: project.config.json points miniprogramRoot at dist/weapp. */
  projectPath: string
}

/** What is uploaded, decided before anything is built: a missing AppID, robot or key is named here. */
export function uploadRequest(
  envName: string,
  config: EnvironmentConfig,
  secrets: Secrets,
  repo: { version: string; lastCommit: string; root: string },
  options: { preview: boolean; desc?: string },
): UploadRequest {
  if (!config.appid || config.appid === 'touristappid') {
    throw new Error(`environments.json: environment "${envName}" has no AppID ("appid"); set the mini-program's AppID there`)
  }
  if (config.robot === undefined || !Number.isInteger(config.robot) || config.robot < 1 || config.robot > 30) {
    throw new Error(`environments.json: environment "${envName}" needs "robot", the uploader number 1-30 (the 体验版 shows who uploaded)`)
  }
  return {
    preview: options.preview,
    appid: config.appid,
    privateKey: secrets.get('WEGONG_MP_UPLOAD_KEY'),
    version: repo.version,
    desc: (options.desc ?? `${envName}: ${repo.lastCommit}`).slice(0, 100),
    robot: config.robot,
    projectPath: repo.root,
  }
}

/** The one door to WeChat: miniprogram-ci's upload or preview (loaded only here, it is large). */
export async function sendToWeChat(request: UploadRequest, log: (line: string) => void): Promise<void> {
  const ci = await import('miniprogram-ci')
  const project = new ci.Project({
    appid: request.appid,
    type: 'miniProgram',
    projectPath: request.projectPath,
    privateKey: request.privateKey,
    ignores: ['node_modules/**/*', 'src/**/*', 'tests/**/*', 'e2e/**/*', '.data/**/*'],
  })
  // The project's own settings (project.config.json): Taro already transpiles and bundles.
  const setting = { es6: false, minified: false }
  const common = { project, desc: request.desc, robot: request.robot, setting, onProgressUpdate: () => undefined }
  if (request.preview) {
    await ci.preview({ ...common, version: request.version, qrcodeFormat: 'terminal', qrcodeOutputDest: '' })
    log(`preview of ${request.version} ready: scan the code above with WeChat`)
  } else {
    await ci.upload({ ...common, version: request.version })
    log(`uploaded ${request.version} as robot ${request.robot}: submit it for review in mp 后台 → 版本管理`)
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      preview: { type: 'boolean', default: false },
      desc: { type: 'string' },
      secrets: { type: 'string' },
    },
  })
  if (!values.env) throw new Error('usage: npm run upload -- --env <staging|production> [--preview] [--desc <text>] [--secrets <file>]')
  const config = chooseEnvironment(readEnvironments(path.join(root, 'environments.json')), values.env)
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  const lastCommit = execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: root, encoding: 'utf8' }).trim()
  const request = uploadRequest(values.env, config, Secrets.load(root, values.secrets), { version: pkg.version, lastCommit, root }, values)
  // The app calls the environment it was built for (src/api/cloud.ts reads TARO_APP_CLOUD_ENV).
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_CLOUD_ENV: config.envId },
  })
  await sendToWeChat(request, (line) => console.log(line))
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`upload failed: ${error.message}`)
    process.exitCode = 1
  })
}
