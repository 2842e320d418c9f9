import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Every file the local cloud writes goes through here: the bytes go to a temp file beside the
 * target, are flushed to disk (fsync), and only then renamed over the target, and the folder is
 * flushed so the rename itself survives a power cut. A SIGKILL or a crash at any point leaves either
 * the old file or the new one under the real name, never an empty or half-written one (without the
 * fsync, a filesystem may persist the rename before the data and leave an empty file).
 */
export function writeFileAtomicSync(file: string, body: Buffer | string, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = tempNameFor(file)
  try {
    const fd = openSync(temp, 'wx', mode)
    try {
      writeSync(fd, typeof body === 'string' ? Buffer.from(body) : body)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncDirSync(dirname(file))
}

/** The same, asynchronously (storage writes files while requests are served). */
export async function writeFileAtomic(file: string, body: Buffer | string, mode = 0o644): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = tempNameFor(file)
  try {
    const handle = await open(temp, 'wx', mode)
    try {
      await handle.writeFile(body)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDir(dirname(file))
}

/** Temp files end in `.partial`: a crash may leave one behind, and nothing ever reads it. */
function tempNameFor(file: string): string {
  return `${file}.${randomBytes(6).toString('hex')}.partial`
}

function syncDirSync(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // as above
  }
}
