/** How a batch of saves is going: 「正在保存 4/9」. */
export interface SaveProgress {
  done: number
  total: number
  /** Indexes of the images that failed so far. */
  failed: number[]
}

/**
 * Saves `urls` with at most `limit` in flight (R16: three downloads at a time, so nine pictures go
 * fast on 4G without one stalling the rest), reporting after each. Resolves with the failed indexes.
 */
export async function saveAll(
  urls: readonly string[],
  save: (url: string, index: number) => Promise<void>,
  onProgress: (progress: SaveProgress) => void,
  limit = 3,
): Promise<number[]> {
  const failed: number[] = []
  let done = 0
  let next = 0
  const worker = async () => {
    while (next < urls.length) {
      const index = next++
      try {
        await save(urls[index] ?? '', index)
      } catch {
        failed.push(index)
      }
      done += 1
      onProgress({ done, total: urls.length, failed: [...failed].sort((a, b) => a - b) })
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, urls.length) }, worker))
  return failed.sort((a, b) => a - b)
}
