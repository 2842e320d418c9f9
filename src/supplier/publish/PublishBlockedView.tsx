import Taro from '@tarojs/taro'
import { eligibilityGaps, eligibilityGapText, type Supplier } from '@/domain/supplier'
import { route } from '@/domain/routes'
import { NoticeView } from '@/components/StatusView'

/** R2: publishing is closed to this supplier; says what is missing and leads back to 微供管理. */
export default function PublishBlockedView({ supplier }: { supplier: Supplier | null }) {
  const description = supplier
    ? eligibilityGaps(supplier)
        .map((gap) => `${eligibilityGapText[gap].title}：${eligibilityGapText[gap].action}`)
        .join('\n')
    : '注册供应商账号后才能发布商品'
  return (
    <NoticeView
      className='publish-blocked'
      title='暂不能发布商品'
      description={description}
      actionText='返回微供管理'
      onAction={() => void Taro.redirectTo({ url: route('supplier/home/index') })}
    />
  )
}
