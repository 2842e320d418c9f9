import { describe, expect, it } from 'vitest'
import { boundAgent } from './network-fixtures'
import { orderCloudForFile } from './harness'
import { shopWithAgent } from './order-fixtures'

/** 退货地址 in 店铺资料 (R19): validated, optional, checked as the profile's text, and shown to the supplier only. */

const { t, snapshot } = orderCloudForFile()

const address = { name: '王仓管', phone: '13800138000', region: '广东省 广州市 白云区', detail: 'RA-石井街 12 号 3 楼' }

describe('the supplier’s return address', () => {
  it('when the supplier saves it with its profile, then it is stored and shown to the supplier, kept when the app leaves it out, and removed with null', async () => {
    const { shop } = await shopWithAgent(t, 'ra-sup', 'ra-agent')
    const profile = { name: shop.supplier.name, contact: '13800138000', mainCategory: '女装' }
    expect((await t.ok('supplier', 'me', {}, 'ra-sup')).supplier?.returnAddress).toBeNull()

    const saved = await t.ok('supplier', 'updateProfile', { ...profile, returnAddress: { ...address, name: ' 王仓管 ' } }, 'ra-sup')
    expect(saved.returnAddress).toEqual(address)
    expect(t.db.find('suppliers', { _id: shop.supplier._id })[0]).toMatchObject({ returnAddress: address })
    expect((await t.ok('supplier', 'me', {}, 'ra-sup')).supplier?.returnAddress).toEqual(address)

    // An app that does not send the field keeps the stored address.
    expect((await t.ok('supplier', 'updateProfile', { ...profile, name: '改名后' }, 'ra-sup')).returnAddress).toEqual(address)
    expect(t.db.find('suppliers', { _id: shop.supplier._id })[0]).toMatchObject({ name: '改名后', returnAddress: address })

    expect((await t.ok('supplier', 'updateProfile', { ...profile, returnAddress: null }, 'ra-sup')).returnAddress).toBeNull()
    expect(t.db.find('suppliers', { _id: shop.supplier._id })[0]?.returnAddress).toBeNull()
  })

  it('when the address is incomplete or too long, then INVALID_ARGUMENT names the field and nothing changes', async () => {
    const { shop } = await shopWithAgent(t, 'rb-sup', 'rb-agent')
    const profile = { name: shop.supplier.name, contact: '13800138000', mainCategory: '女装' }
    const before = snapshot()
    for (const [field, value] of [
      ['phone', '12345'],
      ['detail', '址'.repeat(101)],
      ['region', ''],
    ] as const) {
      const answer = await t.call('supplier', 'updateProfile', { ...profile, returnAddress: { ...address, [field]: value } }, 'rb-sup')
      expect(answer.ok ? null : answer.error).toMatchObject({ code: 'INVALID_ARGUMENT', issues: [{ path: ['returnAddress', field] }] })
    }
    expect(snapshot()).toBe(before)
  })

  it('when agents read the supplier, then the return address is nowhere in what they are answered', async () => {
    const { shop } = await shopWithAgent(t, 'rc-sup', 'rc-agent')
    await boundAgent(t, 'rc-agent2', shop.supplier._id)
    await t.ok(
      'supplier',
      'updateProfile',
      { name: shop.supplier.name, contact: '13800138000', mainCategory: '女装', returnAddress: address },
      'rc-sup',
    )
    const seen = JSON.stringify([
      await t.ok('network', 'mySuppliers', {}, 'rc-agent'),
      await t.ok('supplier', 'me', {}, 'rc-agent'),
      await t.ok('user', 'login', {}, 'rc-agent2'),
      await t.ok('user', 'login', {}, 'rc-sup'),
    ])
    expect(seen).not.toContain('RA-石井街')
    expect(seen).not.toContain('王仓管')
  })
})
