import { describe, expect, it } from 'vitest'
import { saveAll, type SaveProgress } from './batch'

/** A save that resolves when told to, so the test sees how many run at once. */
function controlled() {
  let inFlight = 0
  let most = 0
  const waiting: Array<() => void> = []
  const save = (url: string) =>
    new Promise<void>((resolve, reject) => {
      inFlight += 1
      most = Math.max(most, inFlight)
      waiting.push(() => {
        inFlight -= 1
        if (url.includes('bad')) reject(new Error('download failed'))
        else resolve()
      })
    })
  const flush = async () => {
    while (waiting.length > 0) {
      waiting.shift()?.()
      await new Promise((r) => setTimeout(r, 0))
    }
  }
  return { save, flush, most: () => most }
}

describe('saving nine pictures (R16 一键转发)', () => {
  it('when nine pictures are saved, then at most three are in flight and progress counts each one', async () => {
    const c = controlled()
    const seen: SaveProgress[] = []
    const urls = Array.from({ length: 9 }, (_, i) => `https://x/${i}.jpg`)
    const done = saveAll(urls, c.save, (p) => seen.push(p))
    await new Promise((r) => setTimeout(r, 0))
    await c.flush()
    expect(await done).toEqual([])
    expect(c.most()).toBe(3)
    expect(seen.map((p) => `${p.done}/${p.total}`)).toEqual(['1/9', '2/9', '3/9', '4/9', '5/9', '6/9', '7/9', '8/9', '9/9'])
  })

  it('when some fail, then the others still save and the failed ones are named for 重试', async () => {
    const c = controlled()
    const urls = ['https://x/0.jpg', 'https://x/bad-1.jpg', 'https://x/2.jpg', 'https://x/bad-3.jpg']
    const done = saveAll(urls, c.save, () => undefined)
    await new Promise((r) => setTimeout(r, 0))
    await c.flush()
    expect(await done).toEqual([1, 3])
  })

  it('when there is nothing to save, then it is done at once', async () => {
    expect(
      await saveAll(
        [],
        async () => undefined,
        () => undefined,
      ),
    ).toEqual([])
  })
})
