import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Input, Popup, TextArea } from '@nutui/nutui-react-taro'
import { openCategoryNames } from '@/domain/categories'
import { codePointLength } from '@/domain/text'
import { DESCRIPTION_MAX, SPECS_MAX } from '@/domain/product'
import { formatFen } from '@/domain/money'
import type { Shipping } from '@/domain/shipping'
import { eligibilityGaps, eligibilityGapText, type Supplier, type Tier } from '@/domain/supplier'
import { sortTiers } from '@/domain/tiers'
import { callCloud, toAppError } from '@/api/cloud'
import PageShell from '@/components/PageShell'
import { ErrorView, LoadingView, NoticeView } from '@/components/StatusView'
import { useConfirm } from '@/components/ConfirmDialog'
import { useLoader } from '@/hooks/useLoader'
import { useSession } from '@/session'
import SpecEditor from './SpecEditor'
import {
  checkDraft,
  clearDraft,
  draftFromProduct,
  draftFromShopItem,
  draftKey,
  emptyDraft,
  emptySpec,
  errorsFrom,
  hasContent,
  loadDraft,
  saveDraft,
  type FieldErrors,
  type ProductDraft,
  type SpecDraft,
} from './draft'
import './index.scss'

export function templateSummary(template: Shipping): string {
  const parts = [`首件 ${formatFen(template.firstFee)}`, `续件 ${formatFen(template.additionalFee)}`]
  if (template.freeOver !== undefined) parts.push(`满 ${formatFen(template.freeOver)} 包邮`)
  return parts.join(' · ')
}

type Restored = 'create' | 'edit' | null

/** 发布商品详情 (R3–R7), also 修改商品 with `?id=`. */
export default function PublishFormPage() {
  const { params } = useRouter()
  const productId = params.id || undefined
  const session = useSession()
  const supplier = session.state.status === 'ready' ? session.state.data.supplier : null

  const loader = useLoader(async () => {
    const [shipping, tiers, product, shopItem] = await Promise.all([
      callCloud('shipping', 'list', {}),
      callCloud('network', 'tiers', {}),
      productId ? callCloud('product', 'get', { id: productId }) : Promise.resolve(null),
      !productId && params.shopItemId ? callCloud('catalog', 'getShop', { id: params.shopItemId }) : Promise.resolve(null),
    ])
    return { templates: shipping.items, tiers: sortTiers(tiers), product, shopItem }
  })
  const { state, reload } = loader
  const shown = useRef(false)
  useDidShow(() => {
    // Coming back (e.g. from creating a shipping template) refreshes the templates; the draft stays.
    if (shown.current) void reload()
    shown.current = true
  })
  useEffect(() => {
    void reload()
  }, [reload])

  if (session.state.status === 'loading' || state.status === 'loading') {
    return (
      <PageShell className='publish-form-page'>
        <LoadingView />
      </PageShell>
    )
  }
  if (session.state.status === 'error') {
    return (
      <PageShell className='publish-form-page'>
        <ErrorView message={session.state.error.message} onRetry={() => void session.refresh()} />
      </PageShell>
    )
  }
  if (state.status === 'error') {
    return (
      <PageShell className='publish-form-page'>
        <ErrorView message={state.error.message} onRetry={() => void reload()} />
      </PageShell>
    )
  }
  if (!supplier) {
    return (
      <PageShell className='publish-form-page'>
        <NoticeView
          title='你还不是供应商'
          description='注册供应商账号后，才能发布商品'
          actionText='成为供应商'
          onAction={() => void Taro.redirectTo({ url: '/supplier/register/index' })}
        />
      </PageShell>
    )
  }
  if (!supplier.canPublish) {
    const gaps = eligibilityGaps(supplier)
    return (
      <PageShell className='publish-form-page'>
        <NoticeView
          className='publish-blocked'
          title='暂不能发布商品'
          description={gaps.map((gap) => `${eligibilityGapText[gap].title}：${eligibilityGapText[gap].action}`).join('\n')}
          actionText='返回微供管理'
          onAction={() => void Taro.redirectTo({ url: '/supplier/home/index' })}
        />
      </PageShell>
    )
  }
  const editing = state.data.product
  return (
    <ProductForm
      supplier={supplier}
      productId={productId}
      templates={state.data.templates}
      tiers={state.data.tiers}
      initial={() => {
        const { product, shopItem, templates } = state.data
        const key = draftKey(supplier._id, productId)
        const saved = loadDraft(key)
        const defaultTemplate = templates[0]?._id ?? ''
        if (product)
          return saved && hasContent(saved) ? { draft: saved, restored: 'edit' } : { draft: draftFromProduct(product), restored: null }
        const category = params.category ? decodeURIComponent(params.category) : ''
        if (shopItem) {
          if (saved && saved.shopItemId === shopItem._id) return { draft: saved, restored: 'create' }
          return { draft: draftFromShopItem(shopItem, category || shopItem.category, defaultTemplate), restored: null }
        }
        if (saved && hasContent(saved)) return { draft: { ...saved, category: category || saved.category }, restored: 'create' }
        return { draft: { ...emptyDraft(category), shippingTemplateId: defaultTemplate }, restored: null }
      }}
      original={editing ? () => draftFromProduct(editing) : undefined}
    />
  )
}

function ProductForm({
  supplier,
  productId,
  templates,
  tiers,
  initial,
  original,
}: {
  supplier: Supplier
  productId: string | undefined
  templates: Shipping[]
  tiers: Tier[]
  initial: () => { draft: ProductDraft; restored: Restored }
  original?: () => ProductDraft
}) {
  const key = draftKey(supplier._id, productId)
  const [start] = useState(initial)
  const [draft, setDraft] = useState<ProductDraft>(start.draft)
  const [restored, setRestored] = useState<Restored>(start.restored)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState('')
  const [newSpecName, setNewSpecName] = useState('')
  const [picker, setPicker] = useState<'category' | 'shipping' | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [busy, setBusy] = useState<Record<string, number>>({})
  const done = useRef(false)
  const { confirm, dialog } = useConfirm()
  const categories = openCategoryNames()

  // SPEC §6: every keystroke is kept, so leaving the page (or a crash) loses nothing.
  useEffect(() => {
    if (!done.current) saveDraft(key, draft)
  }, [key, draft])

  const clearError = (...keys: string[]) => {
    setFormError('')
    setErrors((prev) => {
      if (!keys.some((k) => prev[k])) return prev
      const next = { ...prev }
      for (const k of keys) delete next[k]
      return next
    })
  }

  const update = (patch: Partial<ProductDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }))
    clearError(...Object.keys(patch))
  }

  const changeSpec = useCallback((specKey: string, change: (spec: SpecDraft) => SpecDraft) => {
    setDraft((prev) => {
      const index = prev.specs.findIndex((s) => s.key === specKey)
      if (index < 0) return prev
      const before = prev.specs[index]
      const after = change(before)
      // Whatever the user touched is no longer wrong.
      setErrors((errs) => {
        const touched = Object.keys(errs).filter((k) => {
          const m = /^specs\.(\d+)\.(\w+)(?:\.(.+))?$/.exec(k)
          if (!m || Number(m[1]) !== index) return false
          const field = m[2] as keyof SpecDraft
          if (field === 'tierPrices' && m[3]) return before.tierPrices[m[3]] !== after.tierPrices[m[3]]
          return before[field] !== after[field]
        })
        if (touched.length === 0 && !errs.specs) return errs
        const next = { ...errs }
        for (const k of touched) delete next[k]
        delete next.specs
        return next
      })
      const specs = [...prev.specs]
      specs[index] = after
      return { ...prev, specs }
    })
    setFormError('')
  }, [])

  const changeBusy = useCallback((specKey: string, count: number) => {
    setBusy((prev) => (prev[specKey] === count ? prev : { ...prev, [specKey]: count }))
  }, [])

  const addSpec = () => {
    const name = newSpecName.trim()
    if (draft.specs.length >= SPECS_MAX) {
      void Taro.showToast({ title: `最多 ${SPECS_MAX} 个规格`, icon: 'none' })
      return
    }
    if (name && draft.specs.some((s) => s.name.trim() === name)) {
      void Taro.showToast({ title: '规格名称不能重复', icon: 'none' })
      return
    }
    setDraft((prev) => ({ ...prev, specs: [...prev.specs, emptySpec(name)] }))
    setNewSpecName('')
    clearError('specs')
  }

  const removeSpec = async (specKey: string) => {
    const spec = draft.specs.find((s) => s.key === specKey)
    if (!spec) return
    const filled = spec.images.length > 0 || spec.price !== '' || spec.stock !== '' || spec.retailPrice !== ''
    if (filled) {
      const ok = await confirm({
        title: '删除规格',
        content: `删除规格「${spec.name || '未命名'}」？已填写的价格和图片将一并删除。`,
        confirmText: '删除',
        danger: true,
      })
      if (!ok) return
    }
    // Errors are keyed by position, so they no longer line up: drop the spec ones.
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('specs'))))
    setDraft((prev) => ({ ...prev, specs: prev.specs.filter((s) => s.key !== specKey) }))
    setBusy((prev) => {
      const next = { ...prev }
      delete next[specKey]
      return next
    })
  }

  const startOver = async () => {
    const ok = await confirm(
      original
        ? { title: '放弃修改', content: '放弃未保存的修改，恢复为商品当前的内容？', confirmText: '放弃修改', danger: true }
        : { title: '清空草稿', content: '清空上次未发布的内容，重新填写？', confirmText: '清空', danger: true },
    )
    if (!ok) return
    setDraft(original ? original() : { ...emptyDraft(draft.category), shippingTemplateId: draft.shippingTemplateId })
    setErrors({})
    setFormError('')
    setRestored(null)
  }

  const scrollToFirstError = () => {
    setTimeout(() => {
      void Taro.pageScrollTo({ selector: '.field-invalid', duration: 200, offsetTop: -120 }).catch(() => undefined)
    }, 50)
  }

  const submit = async () => {
    const checked = checkDraft(draft, tiers, productId)
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError(`有 ${Object.keys(checked.errors).length} 处需要修改，请查看标红的内容`)
      scrollToFirstError()
      return
    }
    if (Object.values(busy).some((n) => n > 0)) {
      void Taro.showToast({ title: '图片上传中，请稍候', icon: 'none' })
      return
    }
    if (!draft.agreed) {
      setErrors({ agreed: '请先阅读并同意协议条款' })
      return
    }
    setErrors({})
    setFormError('')
    setSubmitting(true)
    try {
      const product =
        checked.kind === 'create'
          ? await callCloud('product', 'create', checked.input)
          : await callCloud('product', 'update', checked.input)
      done.current = true
      clearDraft(key)
      if (checked.kind === 'create') {
        void Taro.redirectTo({ url: `/supplier/publish/success/index?id=${product._id}` })
      } else {
        void Taro.showToast({ title: '已保存修改', icon: 'success' })
        setTimeout(() => {
          if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
          else void Taro.redirectTo({ url: '/supplier/products/index' })
        }, 800)
      }
    } catch (e) {
      const error = toAppError(e)
      const byField = error.issues ? errorsFrom(error.issues) : {}
      setErrors(byField)
      setFormError(error.message)
      setSubmitting(false)
      if (Object.keys(byField).length > 0) scrollToFirstError()
    }
  }

  const template = templates.find((t) => t._id === draft.shippingTemplateId)
  const length = codePointLength(draft.description)
  const isEdit = Boolean(productId)

  return (
    <PageShell className='publish-form-page'>
      {restored ? (
        <View className='draft-banner'>
          <Text className='draft-banner-text'>{restored === 'edit' ? '已恢复上次未保存的修改' : '已恢复上次未发布的内容'}</Text>
          <Text className='draft-banner-action' onClick={() => void startOver()}>
            {restored === 'edit' ? '放弃修改' : '清空重填'}
          </Text>
        </View>
      ) : null}

      <View className='wg-card form-card'>
        <View className={`form-line field-category${errors.category ? ' field-invalid' : ''}`} onClick={() => setPicker('category')}>
          <Text className='form-line-label'>商品类目</Text>
          <Text className={`form-line-value category-value${draft.category ? '' : ' placeholder'}`}>{draft.category || '请选择类目'}</Text>
          <View className='chevron' />
        </View>
        {errors.category ? <Text className='field-error field-error-category'>{errors.category}</Text> : null}
        {draft.shopItemId ? <Text className='import-note'>已从店铺商品导入，补充图片后即可发布</Text> : null}
      </View>

      <View className={`wg-card form-card description-card${errors.description ? ' field-invalid' : ''}`}>
        <View className='card-head'>
          <Text className='wg-card-title'>商品描述</Text>
          <Text className={`description-counter${length > DESCRIPTION_MAX ? ' counter-over' : ''}`}>
            {length}/{DESCRIPTION_MAX}
          </Text>
        </View>
        <TextArea
          className='description-input'
          value={draft.description}
          placeholder='像发朋友圈一样介绍商品：卖点、材质、尺码、发货时间…'
          maxLength={-1}
          autoSize
          onChange={(description) => update({ description })}
        />
        {errors.description ? <Text className='field-error field-error-description'>{errors.description}</Text> : null}
      </View>

      <View className={`wg-card form-card specs-card${errors.specs ? ' field-invalid' : ''}`}>
        <View className='card-head'>
          <Text className='wg-card-title'>产品规格</Text>
          <Text className='wg-muted'>至少一项，填写后可上传图片和价格</Text>
        </View>
        <View className='spec-adder'>
          <Input
            className='spec-adder-input'
            value={newSpecName}
            placeholder='输入规格名称，如：红色 / M'
            onChange={setNewSpecName}
            onConfirm={addSpec}
          />
          <Button className='spec-add' type='primary' size='small' onClick={addSpec}>
            添加规格
          </Button>
        </View>
        {errors.specs ? <Text className='field-error field-error-specs'>{errors.specs}</Text> : null}
      </View>

      {draft.specs.map((spec, index) => (
        <SpecEditor
          key={spec.key}
          index={index}
          spec={spec}
          tiers={tiers}
          errors={errors}
          onChange={changeSpec}
          onRemove={(k) => void removeSpec(k)}
          onBusyChange={changeBusy}
        />
      ))}

      {draft.specs.length > 0 ? (
        <View className='wg-card form-card trade-card'>
          <Text className='wg-card-title'>交易方式</Text>
          <View className='trade-defaults'>
            <Text className='trade-chip'>支持线上订购</Text>
            <Text className='trade-chip'>一件起批</Text>
            <Text className='trade-chip'>按规格报价</Text>
          </View>
        </View>
      ) : null}

      <View className='wg-card form-card'>
        <Text className='wg-card-title'>物流运费</Text>
        {templates.length === 0 ? (
          <View
            className={`form-line shipping-empty${errors.shippingTemplateId ? ' field-invalid' : ''}`}
            onClick={() => void Taro.navigateTo({ url: '/supplier/shipping/edit/index' })}
          >
            <Text className='form-line-label'>运费模板</Text>
            <Text className='form-line-value shipping-create-link'>还没有运费模板，去创建</Text>
            <View className='chevron' />
          </View>
        ) : (
          <View
            className={`form-line field-shipping${errors.shippingTemplateId ? ' field-invalid' : ''}`}
            onClick={() => setPicker('shipping')}
          >
            <Text className='form-line-label'>运费模板</Text>
            <View className='form-line-value'>
              <Text className={`shipping-value${template ? '' : ' placeholder'}`}>{template ? template.name : '请选择运费模板'}</Text>
              {template ? <Text className='shipping-summary'>{templateSummary(template)}</Text> : null}
            </View>
            <View className='chevron' />
          </View>
        )}
        {errors.shippingTemplateId ? <Text className='field-error field-error-shipping'>{errors.shippingTemplateId}</Text> : null}
      </View>

      {formError ? (
        <View className='form-error'>
          <Text>{formError}</Text>
        </View>
      ) : null}

      <View className={`agreement${errors.agreed ? ' field-invalid' : ''}`}>
        <Checkbox
          className='agreement-check'
          checked={draft.agreed}
          onChange={(agreed) => update({ agreed })}
          label='我已阅读并同意《微供商品发布规则》'
        />
        {errors.agreed ? <Text className='field-error field-error-agreed'>{errors.agreed}</Text> : null}
      </View>

      <Button className='publish-submit' type='primary' block loading={submitting} disabled={submitting} onClick={() => void submit()}>
        {isEdit ? '保存修改' : '同意协议条款，我要发布'}
      </Button>
      {!isEdit ? <Text className='publish-note'>发布后商品上架 30 天，到期自动下架，可在「已下架」中重新上架</Text> : null}

      <Popup
        className='category-popup'
        visible={picker === 'category'}
        position='bottom'
        round
        closeable
        title='选择类目'
        onClose={() => setPicker(null)}
      >
        <View className='category-grid'>
          {categories.map((name) => (
            <View
              key={name}
              className={`category-option${draft.category === name ? ' category-option-active' : ''}`}
              onClick={() => {
                update({ category: name })
                setPicker(null)
              }}
            >
              {name}
            </View>
          ))}
        </View>
      </Popup>

      <Popup
        className='shipping-popup'
        visible={picker === 'shipping'}
        position='bottom'
        round
        closeable
        title='选择运费模板'
        onClose={() => setPicker(null)}
      >
        <View className='shipping-options'>
          {templates.map((t) => (
            <View
              key={t._id}
              className={`shipping-option${t._id === draft.shippingTemplateId ? ' shipping-option-active' : ''}`}
              onClick={() => {
                update({ shippingTemplateId: t._id })
                setPicker(null)
              }}
            >
              <Text className='shipping-option-name'>{t.name}</Text>
              <Text className='shipping-option-summary'>{templateSummary(t)}</Text>
            </View>
          ))}
          <View
            className='shipping-option shipping-option-new'
            onClick={() => {
              setPicker(null)
              void Taro.navigateTo({ url: '/supplier/shipping/edit/index' })
            }}
          >
            <Text className='shipping-option-name'>＋ 新建运费模板</Text>
          </View>
        </View>
      </Popup>
      {dialog}
    </PageShell>
  )
}
