import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { add, docUpdate, list, open, removeTemp, tempFile, where } from './helpers'

// Local cloud requirement (SPEC §5): the store survives restarts and crashes; an acknowledged write is never lost.
describe('persistence', () => {
  it('when the database is closed and reopened, then documents, updates and removals are all still there', async () => {
    const file = tempFile()
    const db = open(file)
    await db.handle(add('items', { _id: 'a', v: 1, at: new Date(7) }, { _id: 'b', v: 2 }, { _id: 'c', v: 3 }))
    await db.handle(docUpdate('items', 'a', { $inc: { v: 10 } }))
    await db.handle({ action: 'database.removeDocument', collectionName: 'items', queryType: 'DOC', multi: false, query: '{"_id":"b"}' })
    await db.handle({ action: 'database.addCollection', collectionName: 'runtime_made' })
    await db.handle(add('runtime_made', { _id: 'r' }))
    db.close()

    const again = open(file)
    expect(await list(again, where('items', {}))).toEqual([
      { _id: 'a', v: 11, at: new Date(7) },
      { _id: 'c', v: 3 },
    ])
    expect(again.count('runtime_made')).toBe(1)
    expect(again.isEmpty()).toBe(false)
    // Unique indexes are still enforced after reopening.
    await again.handle(add('users', { openid: 'o' }))
    await expect(again.handle(add('users', { openid: 'o' }))).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    again.close()
    removeTemp(file)
  })
  it('when a fresh file is opened, then isEmpty is true until something is written', async () => {
    const file = tempFile()
    const db = open(file)
    expect(db.isEmpty()).toBe(true)
    db.insertMany('posts', [{ text: 'hi' }])
    expect(db.isEmpty()).toBe(false)
    db.close()
    removeTemp(file)
  })
})

describe('crash durability', () => {
  it('when a writer is killed with SIGKILL mid-write, then every write it acknowledged is present after reopening', async () => {
    const file = tempFile()
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/writer.ts'), file], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let acked = 0
    let buffered = ''
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    // 'close' fires once the process exited and its pipes are drained.
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer made no progress: ${stderr}`)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) acked = Number(line.split(' ')[1])
        if (acked >= 300) {
          clearTimeout(timer)
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    expect(await exited).toBe('SIGKILL')
    // Lines written just before the kill arrived after the threshold was reached.
    for (const line of buffered.split('\n')) if (line.startsWith('ack ')) acked = Number(line.split(' ')[1])

    const db = open(file)
    const seqs = new Set(db.find('items', { seq: { $exists: true } }).map((d) => d.seq))
    const missing = Array.from({ length: acked }, (_, i) => i + 1).filter((s) => !seqs.has(s))
    expect(missing).toEqual([])
    expect(db.find('items', { _id: 'counter' })[0].n as number).toBeGreaterThanOrEqual(acked)
    db.close()
    removeTemp(file)
  })
})
