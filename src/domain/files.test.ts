import { describe, expect, it } from 'vitest'
import { cloudPathOf, parseWithFileIds, UploadedFileId } from './files'
import { z } from './zod'

const own = 'cloud://env-1.bucket-2/uploads/abc/products/1.jpg'

describe('file IDs (R9)', () => {
  it.each([
    [own, 'uploads/abc/products/1.jpg'],
    ['cloud://wegong-local.local/uploads/x/a.png', 'uploads/x/a.png'],
  ])('when the ID is %s, then its path is %s', (id, path) => {
    expect(cloudPathOf(id)).toBe(path)
  })

  it.each([
    '',
    'uploads/abc/1.jpg',
    'https://example.com/a.jpg',
    'cloud://env/uploads/abc/../def/1.jpg',
    'cloud://env/uploads/abc/%2e%2e/def/1.jpg',
    'cloud://env/uploads/abc/%2F..%2Fdef.jpg',
    'cloud://env/uploads/abc/./1.jpg',
    'cloud://env/uploads//abc/1.jpg',
    'cloud://env/uploads\\abc\\1.jpg',
    'cloud://env/uploads/abc/1.jpg?x=1',
    'cloud://env/uploads/abc/1 .jpg',
    'cloud://env/',
    'cloud:///uploads/abc/1.jpg',
    `cloud://env/${'a/'.repeat(600)}x.jpg`,
  ])('when the ID is %j, then it is refused', (id) => {
    expect(cloudPathOf(id)).toBeNull()
    expect(UploadedFileId.safeParse(id).success).toBe(false)
  })

  it('when a schema nests file IDs in arrays, records and optionals, then one parse names them all', () => {
    const schema = z.object({
      avatar: UploadedFileId.optional(),
      specs: z.array(z.object({ images: z.array(UploadedFileId) })),
      extra: z.record(z.string(), UploadedFileId).optional(),
    })
    const value = {
      avatar: own,
      specs: [{ images: [own.replace('1.jpg', '2.jpg')] }, { images: [] }],
      extra: { k: own.replace('1.jpg', '3.jpg') },
    }
    const { result, fileIds } = parseWithFileIds(schema, value)
    expect(result.success).toBe(true)
    expect(fileIds.sort()).toEqual([own, own.replace('1.jpg', '2.jpg'), own.replace('1.jpg', '3.jpg')].sort())
  })

  it('when parsing outside parseWithFileIds, then nothing is collected and the value is unchanged', () => {
    expect(UploadedFileId.parse(own)).toBe(own)
    expect(parseWithFileIds(z.object({ a: z.string() }), { a: own }).fileIds).toEqual([])
  })
})
