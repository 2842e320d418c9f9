import { describe, expect, it } from 'vitest'
import { OPERATOR, testCloudForFile } from './harness'
import { upload } from './product-fixtures'

const t = testCloudForFile()

describe('user.login', () => {
  it('when a new user logs in, then one user is stored and answered with the default nickname', async () => {
    const data = await t.ok('user', 'login', {}, 'u-new')
    expect(data.user).toEqual({ _id: expect.any(String), nickname: '微信用户', avatarUrl: '' })
    expect(data.supplier).toBeNull()
    expect(data.isOperator).toBe(false)
    // The upload folder never names the OPENID: temporary URLs carry it to other people (R9).
    expect(data.uploadDir).toMatch(/^uploads\/[0-9a-f]{24}\/$/)
    expect(data.uploadDir).not.toContain('u-new')
    const stored = t.db.find('users', { openid: 'u-new' })
    expect(stored).toHaveLength(1)
    expect(stored[0]?._id).toBe(data.user._id)
  })

  it('when the same new user logs in ten times at once, then exactly one user exists', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.ok('user', 'login', {}, 'u-race')))
    expect(new Set(answers.map((a) => a.user._id)).size).toBe(1)
    expect(t.db.find('users', { openid: 'u-race' })).toHaveLength(1)
  })

  it('when different users log in at once, then each gets their own record', async () => {
    const openids = Array.from({ length: 8 }, (_, i) => `u-many-${i}`)
    const answers = await Promise.all(openids.map((openid) => t.ok('user', 'login', {}, openid)))
    expect(new Set(answers.map((a) => a.user._id)).size).toBe(8)
    for (const openid of openids) expect(t.db.find('users', { openid })).toHaveLength(1)
  })

  it('when there is no WeChat identity, then UNAUTHENTICATED and nothing is stored', async () => {
    const before = t.db.count('users')
    const answer = await t.call('user', 'login', {})
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(t.db.count('users')).toBe(before)
  })

  it('when the caller is a configured operator, then login says so', async () => {
    expect((await t.ok('user', 'login', {}, OPERATOR)).isOperator).toBe(true)
  })

  it('when the event carries an openid of its own, then identity still comes from WeChat', async () => {
    const answer = await t.raw('user', { action: 'login', openid: 'someone-else' }, 'u-honest')
    // The payload schema is strict: a forged field is refused rather than silently used.
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(t.db.find('users', { openid: 'someone-else' })).toHaveLength(0)
  })
})

describe('user.updateProfile', () => {
  it('when the nickname is valid, then it is stored and answered', async () => {
    await t.ok('user', 'login', {}, 'u-profile')
    const user = await t.ok('user', 'updateProfile', { nickname: '  小美的店  ' }, 'u-profile')
    expect(user.nickname).toBe('小美的店')
    expect(t.db.find('users', { openid: 'u-profile' })[0]).toMatchObject({ nickname: '小美的店' })
  })

  it.each([
    [{ nickname: '' }, '请填写昵称'],
    [{ nickname: '长'.repeat(21) }, '昵称最多 20 个字'],
    [{ avatar: 'http://insecure.example/a.png' }, '文件地址无效，请重新上传'],
    [{ avatar: 'https://thirdwx.qlogo.cn/a.png' }, '文件地址无效，请重新上传'],
    // Made only of zero-width and blank characters: nothing visible (a defect once accepted).
    [{ nickname: '\u200b \u200d\ufeff' }, '请填写昵称'],
    [{}, '没有要修改的资料'],
    [{ wechatId: '12345' }, '请填写正确的微信号（6-20 位字母、数字、下划线或减号，字母开头）或手机号'],
    [{ wechatId: 'wx id with spaces' }, '请填写正确的微信号（6-20 位字母、数字、下划线或减号，字母开头）或手机号'],
  ])('when the input is %j, then INVALID_ARGUMENT (%s) and the stored user is unchanged', async (input, message) => {
    const before = t.db.find('users', { openid: 'u-profile' })
    const answer = await t.raw('user', { action: 'updateProfile', ...input }, 'u-profile')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message } })
    expect(t.db.find('users', { openid: 'u-profile' })).toEqual(before)
  })

  it('when the user shows a WeChat ID to its customers (R16), then it is stored and answered; an empty one removes it', async () => {
    await t.ok('user', 'login', {}, 'u-wechat')
    expect(await t.ok('user', 'updateProfile', { wechatId: ' xiaomei_2026 ' }, 'u-wechat')).toMatchObject({ wechatId: 'xiaomei_2026' })
    expect(t.db.find('users', { openid: 'u-wechat' })[0]).toMatchObject({ wechatId: 'xiaomei_2026' })
    expect((await t.ok('user', 'login', {}, 'u-wechat')).user.wechatId).toBe('xiaomei_2026')
    expect(await t.ok('user', 'updateProfile', { wechatId: '13800138000' }, 'u-wechat')).toMatchObject({ wechatId: '13800138000' })
    const cleared = await t.ok('user', 'updateProfile', { wechatId: '' }, 'u-wechat')
    expect(cleared.wechatId).toBeUndefined()
  })

  it('when a user who never logged in updates, then FAILED_PRECONDITION and nothing is created', async () => {
    const answer = await t.call('user', 'updateProfile', { nickname: '无名' }, 'u-ghost')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(t.db.find('users', { openid: 'u-ghost' })).toHaveLength(0)
  })
})

describe('user.updateProfile avatars (R9: one file guard)', () => {
  it('when the avatar is the caller’s own upload, then it is stored and answered as a temporary URL', async () => {
    await t.ok('user', 'login', {}, 'u-avatar')
    const { fileID } = await upload(t, 'u-avatar', 'avatars/me.png')
    const user = await t.ok('user', 'updateProfile', { avatar: fileID }, 'u-avatar')
    expect(user.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//)
    expect(t.db.find('users', { openid: 'u-avatar' })[0]).toMatchObject({ avatar: fileID })
  })

  it('when the avatar is another user’s private file, then FORBIDDEN, no URL is answered and nothing is stored', async () => {
    await t.ok('user', 'login', {}, 'u-thief')
    const { fileID } = await upload(t, 'u-victim', 'products/secret.png')
    const before = t.db.find('users', { openid: 'u-thief' })
    const answer = await t.call('user', 'updateProfile', { avatar: fileID }, 'u-thief')
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.stringify(answer)).not.toContain('/files/')
    expect(t.db.find('users', { openid: 'u-thief' })).toEqual(before)
  })
})

describe('the envelope', () => {
  it('when a required field is missing, then the message is Chinese and names it (never zod’s English "Required")', async () => {
    const answer = await t.raw('feed', { action: 'newCount' }, 'u-x')
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '缺少必填项「since」' } })
    expect(JSON.stringify(answer)).not.toMatch(/Required|Expected/)
  })

  it('when a field has the wrong type or an unknown key is sent, then the messages are Chinese', async () => {
    for (const event of [
      { action: 'newCount', since: 'yesterday' },
      { action: 'newCount', since: 1, extra: true },
    ]) {
      const answer = (await t.raw('feed', event, 'u-x')) as { ok: false; error: { message: string; issues: Array<{ message: string }> } }
      for (const message of [answer.error.message, ...answer.error.issues.map((issue) => issue.message)])
        expect(message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('when the action is unknown, then NOT_FOUND', async () => {
    expect(await t.raw('user', { action: 'dropTables' }, 'u-x')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('when the action is missing, then INVALID_ARGUMENT with issues', async () => {
    const answer = await t.raw('user', { nickname: 'x' }, 'u-x')
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', issues: [expect.objectContaining({ path: ['action'] })] },
    })
  })

  it('when the event is not an object, then INVALID_ARGUMENT', async () => {
    expect(await t.raw('user', [1, 2, 3], 'u-x')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('user.uploadPath (R9, R16)', () => {
  it('when a user asks where to upload, then each answer is a fresh name that says nothing of the user, and nothing is stored', async () => {
    const { uploadDir } = await t.ok('user', 'login', {}, 'u-names')
    const before = JSON.stringify(t.db.find('users', {}))
    const paths = await Promise.all(
      Array.from({ length: 5 }, async () => (await t.ok('user', 'uploadPath', { kind: 'products', ext: 'jpg' }, 'u-names')).cloudPath),
    )
    for (const path of paths) {
      expect(path).toMatch(/^uploads\/products\/[0-9a-f]{56}\.jpg$/)
      expect(path).not.toContain('u-names')
      expect(path).not.toContain(uploadDir.split('/')[1])
    }
    expect(new Set(paths).size).toBe(5)
    expect((await t.ok('user', 'uploadPath', { kind: 'imports', ext: 'csv' }, 'u-names')).cloudPath).toMatch(
      /^uploads\/imports\/[0-9a-f]{56}\.csv$/,
    )
    expect(JSON.stringify(t.db.find('users', {}))).toBe(before)
  })

  it('when the caller is unknown, or asks for another kind or extension, then it is refused', async () => {
    expect(await t.call('user', 'uploadPath', { kind: 'products', ext: 'png' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    for (const input of [
      { kind: 'codes', ext: 'png' },
      { kind: 'products', ext: 'svg' },
      { kind: 'products', ext: 'png', cloudPath: 'uploads/x.png' },
    ])
      expect(await t.call('user', 'uploadPath', input as never, 'u-names')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      })
  })
})
