import { cloud } from './cloud'

/**
 * Cloud file IDs are private; people see them through temporary URLs (R9). https URLs (e.g. a
 * WeChat avatar) pass through unchanged.
 */
export async function viewableUrls(refs: string[]): Promise<Map<string, string>> {
  const fileIds = [...new Set(refs.filter((r) => r.startsWith('cloud://')))]
  const urls = new Map<string, string>()
  for (const ref of refs) if (!ref.startsWith('cloud://')) urls.set(ref, ref)
  // getTempFileURL takes at most 50 files per call.
  for (let i = 0; i < fileIds.length; i += 50) {
    const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds.slice(i, i + 50) })) as {
      fileList: Array<{ fileID: string; status: number; tempFileURL: string }>
    }
    for (const file of fileList) urls.set(file.fileID, file.status === 0 ? file.tempFileURL : '')
  }
  return urls
}
