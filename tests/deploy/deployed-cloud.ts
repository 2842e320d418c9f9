import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type LocalCloud, startLocalCloud } from '../../local/cloud'
import { seedDemo } from '../../demo/seed'
import { CloudBaseEnvironment } from '../../scripts/deploy/cloudbase'
import { Secrets, chooseEnvironment, readEnvironments, variablesFor } from '../../scripts/deploy/environments'
import { readDeclaration } from '../../scripts/deploy/repo'
import { deploy } from '../../scripts/deploy/run'

/** What `npm run deploy -- --env local` declares: the repo's collections, rules and built function bundles. */
export const root = path.resolve(__dirname, '../..')
export const bundlesDir = path.join(root, 'dist', 'cloudfunctions')
export const localEnv = chooseEnvironment(readEnvironments(path.join(root, 'environments.json')), 'local')
export const declared = readDeclaration({ root, bundlesDir }, variablesFor(localEnv, Secrets.of({})))

export interface ManagedCloud {
  cloud: LocalCloud
  /** The deploy's view of it, through @cloudbase/manager-node and the cloud's management door. */
  env: CloudBaseEnvironment
  /** Its store and files on disk, for tests that read what the management API kept. */
  dataDir: string
  close(): Promise<void>
}

/** An empty managed local cloud (WEGONG_MANAGED=1): nothing in it but what a deploy puts there. */
export async function startManagedCloud(log: (line: string) => void = () => undefined): Promise<ManagedCloud> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wegong-deploy-'))
  const cloud = await startLocalCloud({ port: 0, dataDir, managed: true, operators: [], log })
  const env = new CloudBaseEnvironment({ envId: localEnv.envId, endpoint: cloud.url, secretId: 'local', secretKey: 'local' }, bundlesDir)
  return {
    cloud,
    env,
    dataDir,
    async close() {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * An empty managed local cloud after `npm run deploy -- --env local --apply`, holding the demo data:
 * the app then runs on the deployed functions, variables, collections and indexes, never on the
 * development wiring (functionsDir, database.json, demo function variables).
 */
export async function startDeployedDemoCloud(): Promise<ManagedCloud> {
  const managed = await startManagedCloud()
  try {
    await deploy(declared, managed.env, { apply: true, prune: false, log: () => undefined })
    const { cloud } = managed
    // The demo's data only (documents and photos); its functions are the deployed ones.
    await seedDemo({
      now: cloud.clock.now(),
      insert: (collection, documents) => cloud.db.insertMany(collection, [...documents]),
      upload: (openid, cloudPath, bytes) => cloud.storage.uploadAsUser(openid, cloudPath, bytes),
      invoke: async (functionName, event, openid) => {
        const response = await fetch(`${cloud.url}/fn/${functionName}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wegong-openid': openid },
          body: JSON.stringify(event),
        })
        return (await response.json()) as unknown
      },
      pay: async (pkg) => {
        const response = await fetch(`${cloud.url}/_local/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ package: pkg }),
        })
        return (await response.json()) as unknown
      },
    })
  } catch (error) {
    await managed.close()
    throw error
  }
  return managed
}
