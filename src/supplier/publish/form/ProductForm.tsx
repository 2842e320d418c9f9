import { Text, View } from '@tarojs/components'
import type { Supplier } from '@/domain/supplier'
import { useConfirm } from '@/components/ConfirmDialog'
import DraftBanner from '@/components/DraftBanner'
import CategoryField from './CategoryField'
import DescriptionCard from './DescriptionCard'
import { draftFromProduct, draftKey, startingDraft } from './draft'
import ShippingPicker from './ShippingPicker'
import SpecAdder from './SpecAdder'
import SpecEditor from './SpecEditor'
import SubmitBar from './SubmitBar'
import type { PublishData } from './usePublishData'
import { useProductDraft } from './useProductDraft'
import { usePublishSubmit } from './usePublishSubmit'

/** How a product trades on 微供: fixed for now, shown once there is a spec to trade. */
function TradeCard() {
  return (
    <View className='wg-card form-card trade-card'>
      <Text className='wg-card-title'>交易方式</Text>
      <View className='trade-defaults'>
        <Text className='trade-chip'>支持线上订购</Text>
        <Text className='trade-chip'>一件起批</Text>
        <Text className='trade-chip'>按规格报价</Text>
      </View>
    </View>
  )
}

/** The form itself (R3–R7): category, description, specs with images and tier prices, shipping, agreement. */
export default function ProductForm({
  supplier,
  productId,
  category,
  data,
}: {
  supplier: Supplier
  productId: string | undefined
  /** The category chosen on the page before, if any. */
  category: string
  data: PublishData
}) {
  const { templates, tiers, product, shopItem } = data
  const storageKey = draftKey(supplier._id, productId)
  const { confirm, dialog } = useConfirm()
  const form = useProductDraft({
    storageKey,
    start: () => startingDraft(storageKey, { product, shopItem, templates, category }),
    original: product ? () => draftFromProduct(product) : undefined,
    confirm,
    publish: usePublishSubmit(tiers, productId),
  })
  const { draft, errors } = form

  return (
    <>
      {form.restored ? (
        <DraftBanner
          text={form.restored === 'edit' ? '已恢复上次未保存的修改' : '已恢复上次未发布的内容'}
          action={form.restored === 'edit' ? '放弃修改' : '清空重填'}
          onAction={() => void form.startOver()}
        />
      ) : null}
      <CategoryField
        value={draft.category}
        error={errors.category}
        imported={Boolean(draft.shopItemId)}
        onChange={(next) => form.update({ category: next })}
      />
      <DescriptionCard value={draft.description} error={errors.description} onChange={(description) => form.update({ description })} />
      <SpecAdder error={errors.specs} onAdd={form.addSpec} />
      {draft.specs.map((spec, index) => (
        <SpecEditor
          key={spec.key}
          index={index}
          spec={spec}
          tiers={tiers}
          errors={errors}
          onChange={form.changeSpec}
          onRemove={(k) => void form.removeSpec(k)}
          onBusyChange={form.changeBusy}
        />
      ))}
      {draft.specs.length > 0 ? <TradeCard /> : null}
      <ShippingPicker
        templates={templates}
        value={draft.shippingTemplateId}
        error={errors.shippingTemplateId}
        onChange={(shippingTemplateId) => form.update({ shippingTemplateId })}
      />
      <SubmitBar
        isEdit={Boolean(productId)}
        formError={form.formError}
        agreed={draft.agreed}
        agreedError={errors.agreed}
        submitting={form.saving}
        onAgree={(agreed) => form.update({ agreed })}
        onSubmit={() => void form.submit()}
      />
      {dialog}
    </>
  )
}
