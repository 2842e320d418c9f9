import { z } from './zod'
import { ContactSchema, RegisterSupplierInput, SupplierSchema } from './supplier'
import { requiredText } from './text'

/**
 * 店铺资料 beyond what registering takes: the return address (退货地址, R19), where agents send back
 * the goods of an agreed return. Only the supplier itself sees it (and, once a return is agreed, that
 * case's agent). Kept apart from supplier.ts so that only the 店铺资料 and after-sales pages load it.
 */
export const ReturnAddressSchema = z
  .object({
    name: requiredText('收件人', 20),
    phone: ContactSchema,
    /** 省 市 区, as one line (如：广东省 广州市 白云区). */
    region: requiredText('所在地区', 40),
    detail: requiredText('详细地址', 100),
  })
  .strict()
export type ReturnAddress = z.infer<typeof ReturnAddressSchema>

/**
 * supplier.updateProfile: the profile as registered, and the return address — absent leaves the
 * stored one as it is (an older app that does not know the field), null removes it.
 */
export const UpdateSupplierProfileInput = RegisterSupplierInput.extend({
  returnAddress: ReturnAddressSchema.nullable().optional(),
}).strict()
export type UpdateSupplierProfileInput = z.infer<typeof UpdateSupplierProfileInput>

/** The supplier as its owner sees it: with its return address (null while none is set). */
export const OwnSupplierSchema = SupplierSchema.extend({ returnAddress: ReturnAddressSchema.nullable() })
export type OwnSupplier = z.infer<typeof OwnSupplierSchema>
