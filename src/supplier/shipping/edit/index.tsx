import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Switch } from '@nutui/nutui-react-taro'
import type { Shipping } from '@/domain/shipping'
import { callCloud } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { linesOf } from '@/components/FieldRow'
import MoneyRow from '@/components/FieldRow/MoneyRow'
import TextRow from '@/components/FieldRow/TextRow'
import { FormError } from '@/components/FormMessages'
import LoadGate from '@/components/LoadGate'
import { useLoader } from '@/hooks/useLoader'
import RegionsCard from './RegionsCard'
import { useTemplateDraft } from './useTemplateDraft'
import './index.scss'

/** 新建 / 编辑运费模板 (R7): first-piece and additional-piece fees, per-province overrides, free shipping. */
export default function ShippingEditPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  // An edit loads its one template (a missing or foreign one says so, with 重试).
  const { state, reload } = useLoader(() => (id ? callCloud('shipping', 'get', { id }) : Promise.resolve(null)), { key: id })

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑运费模板' : '新建运费模板' })
  }, [id])

  return (
    <PageShell className='shipping-edit-page'>
      <LoadGate state={state} onRetry={() => void reload()}>
        {(template) => <TemplateForm id={id} template={template ?? undefined} />}
      </LoadGate>
    </PageShell>
  )
}

function TemplateForm({ id, template }: { id: string | undefined; template: Shipping | undefined }) {
  const { draft, change, changeRegion, addRegion, removeRegion, errors, formError, saving, submit } = useTemplateDraft(id, template)
  const line = linesOf<'name' | 'firstFee' | 'additionalFee' | 'freeOver'>(draft, errors, (key, value) => change({ [key]: value }))

  return (
    <>
      <View className='wg-card'>
        <TextRow {...line('name')} label='模板名称' inputClass='edit-input edit-name-input' placeholder='如：微供包邮模板' />
        <MoneyRow {...line('firstFee')} label='首件运费' />
        <MoneyRow {...line('additionalFee')} label='续件运费' placeholder='每多一件加收' />
      </View>

      <RegionsCard regions={draft.regions} errors={errors} onChange={changeRegion} onAdd={addRegion} onRemove={removeRegion} />

      <View className='wg-card'>
        <View className='free-row'>
          <View>
            <Text className='free-title'>满额包邮</Text>
            <Text className='free-hint'>订单商品金额达到后免运费</Text>
          </View>
          <Switch className='free-switch' checked={draft.freeShipping} onChange={(freeShipping) => change({ freeShipping }, 'freeOver')} />
        </View>
        {draft.freeShipping ? <MoneyRow {...line('freeOver')} label='满多少包邮' placeholder='如 99' /> : null}
      </View>

      <FormError message={formError} />

      <Button className='shipping-save' type='primary' block loading={saving} disabled={saving} onClick={() => void submit()}>
        保存
      </Button>
    </>
  )
}
