import { z } from 'zod'
import { PageInput, pageSchema } from './pagination'
import {
  RegisterSupplierInput,
  SupplierReviewSchema,
  SupplierSchema,
  SupplierStatsSchema,
  VerifySupplierInput,
} from './supplier'
import { UpdateProfileInput, UserSchema } from './user'

/**
 * The cloud API (SPEC §4): for each function and action, the input it takes and the data it answers.
 * The functions validate events with `input` and strip answers with `output` (so nothing unlisted leaks);
 * the app parses answers with the same `output`. This file is the single source of truth.
 */
const Empty = z.object({}).strict()

export const api = {
  user: {
    login: { input: Empty, output: z.object({ user: UserSchema, supplier: SupplierSchema.nullable(), isOperator: z.boolean() }) },
    updateProfile: { input: UpdateProfileInput, output: UserSchema },
  },
  supplier: {
    register: { input: RegisterSupplierInput, output: SupplierSchema },
    me: { input: Empty, output: z.object({ supplier: SupplierSchema.nullable(), stats: SupplierStatsSchema.nullable() }) },
    verify: { input: VerifySupplierInput, output: SupplierSchema },
    /** Operators only: suppliers newest first; `pending` = still missing a threshold of R2. */
    listForReview: {
      input: PageInput.extend({ filter: z.enum(['pending', 'eligible', 'all']).default('pending') }).strict(),
      output: pageSchema(SupplierReviewSchema),
    },
  },
} as const

export type Api = typeof api
export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
type Endpoint<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: z.ZodTypeAny; output: z.ZodTypeAny } ? Api[F][A] : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<Endpoint<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.infer<Endpoint<F, A>['output']>
