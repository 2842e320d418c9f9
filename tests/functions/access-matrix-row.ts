import type { ErrorCode } from '@/domain/errors'
import { KINDS, type Group, type Kind, type World } from './access-world'

/** A row of the access matrix (access-matrix.ts) and the shorthands the rows are written with. */
export type Outcome = 'ok' | 'unchanged' | ErrorCode | 'REFUSED'
export type Expect = Record<Kind, Outcome>

export interface Row {
  /** `function.action` of the contract, or a function outside it (payCallback, refundCallback, expire). */
  action: string
  /** Tells rows of the same action apart. */
  variant?: string
  /** The payload (without `action`); built per call, as a caller would send it. */
  input: (w: World) => Record<string, unknown>
  expect: Expect
  /** An allowed call writes to the store (put back afterwards); otherwise every call must leave it unchanged. */
  mutates?: boolean
  /** What the row's input itself entitles anyone to see (a scene shows the supplier's card, a token the shared item). */
  grants?: Group[]
  /** Scan every caller with this kind's rights, whoever it is: the customer view shows the same to all. */
  scanAs?: Kind
  /** The answer may hold the caller's own new file ID (an export it just made). */
  ownFileIds?: boolean
  /** What each kind must find in its answer: the scan would pass on empty answers, so the rows also show that content flows. */
  shows?: Partial<Record<Kind, Group[]>>
  /** Keys of the caller's own new record that the scan otherwise refuses (a new supplier's `contact`). */
  ownKeys?: string[]
  /** The kinds `ownKeys` is the caller's own for (default every kind): an agent's payment id is not the operator's. */
  ownKeysFor?: Kind[]
}

export const all = (outcome: Outcome, over: Partial<Expect> = {}): Expect =>
  ({ ...Object.fromEntries(KINDS.map((kind) => [kind, outcome])), ...over }) as Expect
/** Anyone signed in. */
export const signedIn = (over: Partial<Expect> = {}) => all('ok', { anonymous: 'UNAUTHENTICATED', ...over })
/** The owner's actions (`requireOwnSupplier`): another supplier gets `rival`, a user without one FAILED_PRECONDITION. */
export const ownerOnly = (rival: Outcome, over: Partial<Expect> = {}) =>
  all('FAILED_PRECONDITION', { anonymous: 'UNAUTHENTICATED', owner: 'ok', rival, ...over })
/** Bound agents of the supplier; anyone else is told it is not there (R9). */
export const agentsOnly = (over: Partial<Expect> = {}) =>
  all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', bound: 'ok', otherTier: 'ok', ...over })
/** Parties of one order: anyone else is told it is not there. */
export const orderParties = (over: Partial<Expect>) => all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', ...over })

export const spec1 = (w: World) => w.p1.specs[0]!.id
export const line = (w: World) => ({ productId: w.p1._id, specId: spec1(w), qty: 1 })
