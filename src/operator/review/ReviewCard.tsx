import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Switch, Tag } from '@nutui/nutui-react-taro'
import type { Supplier, SupplierReview } from '@/domain/supplier'
import { callCloud } from '@/api/cloud'
import { formatShanghai, relativeTime } from '@/domain/time'
import { toastError } from '@/components/FormMessages/toast'
import { useFormSubmit, type Checked } from '@/hooks/useFormSubmit'

const onOff = (on: boolean) => (on ? '开通' : '关闭')

/** One supplier under review: its details and the two R2 thresholds an operator sets. */
export default function ReviewCard({ supplier, onUpdated }: { supplier: SupplierReview; onUpdated: (next: Supplier) => void }) {
  const [verifiedMember, setVerifiedMember] = useState(supplier.verifiedMember)
  const [buyerProtection, setBuyerProtection] = useState(supplier.buyerProtection)
  const [confirming, setConfirming] = useState(false)

  // A reload (or a save) brings the server's flags; show them.
  useEffect(() => {
    setVerifiedMember(supplier.verifiedMember)
    setBuyerProtection(supplier.buyerProtection)
  }, [supplier.verifiedMember, supplier.buyerProtection])

  const dirty = verifiedMember !== supplier.verifiedMember || buyerProtection !== supplier.buyerProtection

  // The thresholds are the sheet's own form: sent as they stand, a refusal said in a toast.
  const { saving, submit } = useFormSubmit({
    check: (): Checked<{ verifiedMember: boolean; buyerProtection: boolean }> => ({ ok: true, input: { verifiedMember, buyerProtection } }),
    send: (flags) => callCloud('supplier', 'verify', { supplierId: supplier._id, ...flags }),
    done: (next) => {
      onUpdated(next)
      void Taro.showToast({ title: '已更新', icon: 'success' })
    },
    refused: (error) => toastError(error, 2500),
  })

  const save = () => {
    setConfirming(false)
    void submit()
  }

  return (
    <View className={`wg-card review-card${supplier.canPublish ? ' review-card-eligible' : ''}`} data-supplier-id={supplier._id}>
      <View className='review-head'>
        <Text className='review-name'>{supplier.name}</Text>
        {supplier.canPublish ? (
          <Tag className='review-status review-status-ok' background='#e8ffea' color='#00b42a'>
            可发布
          </Tag>
        ) : (
          <Tag className='review-status review-status-pending' background='#fff3e8' color='#ff7d00'>
            待开通
          </Tag>
        )}
      </View>
      <View className='review-info'>
        <View className='review-row'>
          <Text className='review-label'>联系电话</Text>
          <Text className='review-value review-contact'>{supplier.contact}</Text>
        </View>
        <View className='review-row'>
          <Text className='review-label'>主营类目</Text>
          <Text className='review-value review-category'>{supplier.mainCategory}</Text>
        </View>
        <View className='review-row'>
          <Text className='review-label'>注册用户</Text>
          <Text className='review-value review-owner'>{supplier.ownerNickname || '未设置昵称'}</Text>
        </View>
        <View className='review-row'>
          <Text className='review-label'>注册时间</Text>
          <Text className='review-value review-time'>
            {relativeTime(supplier.createdAt, Date.now())}
            <Text className='review-time-full'>（{formatShanghai(supplier.createdAt)}）</Text>
          </Text>
        </View>
      </View>
      <View className='review-switches'>
        <View className='review-switch-row switch-verified-member'>
          <Text className='review-switch-label'>诚信通会员</Text>
          <Switch className='review-switch' checked={verifiedMember} disabled={saving} onChange={setVerifiedMember} />
        </View>
        <View className='review-switch-row switch-buyer-protection'>
          <Text className='review-switch-label'>基础买家保障</Text>
          <Switch className='review-switch' checked={buyerProtection} disabled={saving} onChange={setBuyerProtection} />
        </View>
      </View>
      <Button className='review-save' type='primary' block loading={saving} disabled={!dirty || saving} onClick={() => setConfirming(true)}>
        保存
      </Button>
      <Dialog
        className='review-confirm'
        visible={confirming}
        title='确认修改资质'
        confirmText='确定'
        cancelText='取消'
        onConfirm={save}
        onCancel={() => setConfirming(false)}
        onClose={() => setConfirming(false)}
      >
        <View className='review-confirm-body'>
          <Text>
            将「{supplier.name}」的诚信通会员设为{onOff(verifiedMember)}，基础买家保障设为{onOff(buyerProtection)}。
          </Text>
          <Text className='review-confirm-result'>
            {verifiedMember && buyerProtection ? '保存后该供应商即可发布商品。' : '保存后该供应商暂不能发布商品。'}
          </Text>
        </View>
      </Dialog>
    </View>
  )
}
