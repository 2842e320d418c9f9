/**
 * `npm run deploy -- --env <name> [--apply] [--prune] [--secrets <file>]`: brings the CloudBase
 * environment named in environments.json to what the repo declares. Without --apply it only
 * prints the plan. README "Deploying to WeChat".
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CloudBaseEnvironment } from './cloudbase'
import { CONSOLE_ONLY } from './console-only'
import { Secrets, chooseEnvironment, readEnvironments, variablesFor } from './environments'
import { readDeclaration } from './repo'
import { DeployError, deploy } from './run'

const root = path.resolve(__dirname, '..', '..')

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      apply: { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      secrets: { type: 'string' },
      endpoint: { type: 'string' },
    },
  })
  if (!values.env) throw new DeployError('usage: npm run deploy -- --env <local|staging|production> [--apply] [--prune] [--secrets <file>]')
  const config = chooseEnvironment(readEnvironments(path.join(root, 'environments.json')), values.env)
  const secrets = Secrets.load(root, values.secrets)
  const endpoint = values.endpoint ?? config.endpoint
  // The local cloud signs nothing; WeChat's CloudBase needs the API key of a sub-account allowed to manage it.
  const keys = endpoint
    ? { secretId: 'local', secretKey: 'local' }
    : { secretId: secrets.get('TENCENTCLOUD_SECRETID'), secretKey: secrets.get('TENCENTCLOUD_SECRETKEY') }
  const bundlesDir = path.join(root, 'dist', 'cloudfunctions')
  const declared = readDeclaration({ root, bundlesDir }, variablesFor(config, secrets))
  const env = new CloudBaseEnvironment({ envId: config.envId, endpoint, ...keys }, bundlesDir)
  console.log(`environment ${values.env} (${config.envId})${endpoint ? ` at ${endpoint}` : ''}`)
  await deploy(declared, env, { apply: values.apply, prune: values.prune, log: (line) => console.log(line) })
  if (!values.apply) console.log('nothing applied: rerun with --apply to carry out this plan')
  if (!endpoint) {
    console.log('\nset only in WeChat’s consoles (this command cannot, check each once per environment):')
    for (const item of CONSOLE_ONLY) console.log(`  - ${item}`)
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DeployError ? error.message : `deploy failed: ${error.message}`)
  process.exitCode = 1
})
