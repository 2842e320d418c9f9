import { describe, expect, it } from 'vitest'
import { demoFunctionEnv } from '../../demo/function-env'
import { testCloudForFile } from './harness'
import { uploadTo } from './product-fixtures'

/**
 * R9: upload names are sealed with the server's key (WEGONG_UPLOAD_KEY). Without it no upload starts;
 * during a rotation (WEGONG_UPLOAD_KEY_PREVIOUS) names sealed with the replaced key stay the caller's,
 * and once it is dropped they are refused (docs/decisions/share-privacy.md).
 */
const NEXT_KEY = 'the-next-upload-key-after-a-rotation-0001'

const current = testCloudForFile()
const rotating = testCloudForFile(undefined, {
  functionEnv: { WEGONG_UPLOAD_KEY: NEXT_KEY, WEGONG_UPLOAD_KEY_PREVIOUS: demoFunctionEnv.WEGONG_UPLOAD_KEY! },
})
const rotated = testCloudForFile(undefined, { functionEnv: { WEGONG_UPLOAD_KEY: NEXT_KEY } })
const unkeyed = testCloudForFile(undefined, { functionEnv: { WEGONG_UPLOAD_KEY: '' } })

type Cloud = typeof current

/** Sets the caller's avatar to the file at `cloudPath` (uploaded there first): the guard's answer. */
async function useAsAvatar(t: Cloud, openid: string, cloudPath: string) {
  await t.ok('user', 'login', {}, openid)
  const { fileID } = await uploadTo(t, openid, cloudPath)
  return t.call('user', 'updateProfile', { avatar: fileID }, openid)
}

describe('the upload key (R9)', () => {
  it('when the functions have no WEGONG_UPLOAD_KEY, then uploadPath answers INTERNAL saying so and the avatar is not set', async () => {
    await unkeyed.ok('user', 'login', {}, 'k-user')
    expect(await unkeyed.call('user', 'uploadPath', { kind: 'avatars', ext: 'png' }, 'k-user')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '上传暂不可用：服务未配置上传密钥，请联系平台' },
    })
    const { cloudPath } = await current.ok('user', 'uploadPath', { kind: 'avatars', ext: 'png' }, 'k-user')
    expect(await useAsAvatar(unkeyed, 'k-user', cloudPath)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(unkeyed.db.find('users', { openid: 'k-user' })[0]).toMatchObject({ avatar: '' })
  })

  it('when the key is rotated, then names sealed with the previous key stay accepted until it is dropped, and new names use the new key', async () => {
    const { cloudPath: old } = await current.ok('user', 'uploadPath', { kind: 'avatars', ext: 'png' }, 'k-user')
    expect(await useAsAvatar(rotating, 'k-user', old)).toMatchObject({ ok: true })
    expect(await useAsAvatar(rotated, 'k-user', old)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const { cloudPath: fresh } = await rotating.ok('user', 'uploadPath', { kind: 'avatars', ext: 'png' }, 'k-user')
    expect(await useAsAvatar(rotated, 'k-user', fresh)).toMatchObject({ ok: true })
    expect(await useAsAvatar(current, 'k-user', fresh)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
