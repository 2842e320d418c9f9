/**
 * Update operators, as MongoDB applies them (the SDK's `_.inc`, `_.push`, … map to them;
 * docs/cloudbase/database.md §4.1):
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.set.html
 * An update is compiled (validated) before any document is touched, so a malformed update changes nothing.
 */
import { invalidParam, requestFailed } from './errors'
import { compileValueCondition } from './matcher'
import { parseOrder, sortBy } from './sort'
import { Doc, Value, cloneValue, compareValues, isDoc, isIndexSegment, splitPath, valuesEqual } from './values'

export type Updater = (doc: Doc) => Doc

interface Step {
  op: string
  path: string
  parts: string[]
  arg: Value
}

type Container = Doc | Value[]

function describe(v: Value | undefined): string {
  if (v === undefined) return 'missing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (v instanceof Date) return 'date'
  return typeof v === 'object' ? 'object' : typeof v
}

/** The container holding the last segment of `parts`; with `create`, missing objects are created as MongoDB does. */
function parentOf(doc: Doc, parts: string[], create: boolean): Container | null {
  let cur: Container = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]
    let next: Value | undefined
    if (Array.isArray(cur)) {
      if (!isIndexSegment(seg)) {
        if (!create) return null
        throw requestFailed(`Cannot create field '${seg}' in element {${parts[i - 1]}: array}`)
      }
      next = cur[Number(seg)]
    } else {
      next = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined
    }
    if (next === undefined || (next === null && Array.isArray(cur))) {
      if (!create) return null
      next = {}
      setIn(cur, seg, next)
    }
    if (!isDoc(next) && !Array.isArray(next)) {
      if (!create) return null
      throw requestFailed(`Cannot create field '${parts[i + 1]}' in element {${seg}: ${describe(next)}}`)
    }
    cur = next
  }
  return cur
}

function getIn(c: Container, key: string): Value | undefined {
  if (Array.isArray(c)) return isIndexSegment(key) ? c[Number(key)] : undefined
  return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined
}

function setIn(c: Container, key: string, v: Value): void {
  if (Array.isArray(c)) {
    if (!isIndexSegment(key)) throw requestFailed(`Cannot create field '${key}' in an array`)
    const idx = Number(key)
    while (c.length < idx) c.push(null) // MongoDB pads with null when setting past the end
    c[idx] = v
  } else {
    c[key] = v
  }
}

function numeric(op: string, path: string, v: Value | undefined): number {
  if (typeof v !== 'number') throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {${path}: ${describe(v)}}`)
  return v
}

function arrayAt(op: string, path: string, v: Value | undefined): Value[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v)) throw requestFailed(`The field '${path}' must be an array but is of type ${describe(v)} (${op})`)
  return v
}

const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort'])

function pushedValues(arg: Value): { each: Value[]; position?: number; slice?: number; sort?: Value } {
  if (!isDoc(arg) || !Object.prototype.hasOwnProperty.call(arg, '$each')) return { each: [arg] }
  for (const k of Object.keys(arg)) if (!PUSH_MODIFIERS.has(k)) throw invalidParam(`unknown $push modifier ${k}`)
  const { $each, $position, $slice, $sort } = arg
  if (!Array.isArray($each)) throw invalidParam('$each needs an array')
  for (const [n, v] of [
    ['$position', $position],
    ['$slice', $slice],
  ] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v))) throw invalidParam(`${n} needs an integer`)
  }
  return { each: $each, position: $position as number | undefined, slice: $slice as number | undefined, sort: $sort }
}

function sortPushed(arr: Value[], sort: Value): Value[] {
  if (sort === 1 || sort === -1) return [...arr].sort((a, b) => compareValues(a, b) * sort)
  if (isDoc(sort)) return sortBy(arr, (v) => v, parseOrder(sort, '$push $sort'))
  throw invalidParam('$sort in $push needs 1, -1 or an object')
}

/** Values `$addToSet` adds. */
function addedValues(arg: Value): Value[] {
  if (isDoc(arg)) {
    const keys = Object.keys(arg)
    if (keys.length === 1 && keys[0] === '$each') return arrayArgOf(arg.$each, '$addToSet $each')
    // The SDK sends `_.addToSet({each: [...]})` as `{each: [...]}` without the `$` (docs/cloudbase/database.md §4.1).
    // The caller meant $each, so it is read as $each instead of adding the object itself.
    if (keys.length === 1 && keys[0] === 'each' && Array.isArray(arg.each)) return arg.each
  }
  return [arg]
}

function arrayArgOf(v: Value | undefined, what: string): Value[] {
  if (!Array.isArray(v)) throw invalidParam(`${what} needs an array`)
  return v
}

function applyStep(doc: Doc, s: Step): void {
  const last = s.parts[s.parts.length - 1]
  switch (s.op) {
    case '$set':
      setIn(parentOf(doc, s.parts, true) as Container, last, cloneValue(s.arg))
      return
    case '$unset': {
      const p = parentOf(doc, s.parts, false)
      if (p === null || getIn(p, last) === undefined) return
      if (Array.isArray(p))
        p[Number(last)] = null // MongoDB leaves null in the array slot
      else delete p[last]
      return
    }
    case '$inc':
    case '$mul': {
      const by = numeric(s.op, s.path, s.arg)
      const p = parentOf(doc, s.parts, true) as Container
      const cur = getIn(p, last)
      if (cur === undefined) setIn(p, last, s.op === '$inc' ? by : 0)
      else setIn(p, last, s.op === '$inc' ? numeric(s.op, s.path, cur) + by : numeric(s.op, s.path, cur) * by)
      return
    }
    case '$min':
    case '$max': {
      const p = parentOf(doc, s.parts, true) as Container
      const cur = getIn(p, last)
      const c = cur === undefined ? 0 : compareValues(s.arg, cur)
      if (cur === undefined || (s.op === '$min' ? c < 0 : c > 0)) setIn(p, last, cloneValue(s.arg))
      return
    }
    case '$rename': {
      const p = parentOf(doc, s.parts, false)
      if (p === null || Array.isArray(p) || getIn(p, last) === undefined) return
      const v = p[last]
      delete p[last]
      const toParts = splitPath(s.arg as string)
      const q = parentOf(doc, toParts, true)
      if (Array.isArray(q)) throw requestFailed(`The destination field for $rename may not be inside an array: ${String(s.arg)}`)
      setIn(q as Container, toParts[toParts.length - 1], v)
      return
    }
    case '$push': {
      const { each, position, slice, sort } = pushedValues(s.arg)
      const p = parentOf(doc, s.parts, true) as Container
      let arr = [...(arrayAt(s.op, s.path, getIn(p, last)) ?? [])]
      const items = each.map((v) => cloneValue(v))
      const at = position === undefined ? arr.length : position < 0 ? Math.max(0, arr.length + position) : Math.min(position, arr.length)
      arr.splice(at, 0, ...items)
      if (sort !== undefined) arr = sortPushed(arr, sort)
      if (slice !== undefined) arr = slice >= 0 ? arr.slice(0, slice) : arr.slice(Math.max(0, arr.length + slice))
      setIn(p, last, arr)
      return
    }
    case '$addToSet': {
      const p = parentOf(doc, s.parts, true) as Container
      const arr = [...(arrayAt(s.op, s.path, getIn(p, last)) ?? [])]
      for (const v of addedValues(s.arg)) if (!arr.some((x) => valuesEqual(x, v))) arr.push(cloneValue(v))
      setIn(p, last, arr)
      return
    }
    case '$pop': {
      const p = parentOf(doc, s.parts, false)
      const arr = p === null ? undefined : arrayAt(s.op, s.path, getIn(p, last))
      if (p === null || arr === undefined || arr.length === 0) return
      setIn(p, last, s.arg === -1 ? arr.slice(1) : arr.slice(0, -1))
      return
    }
    case '$pull':
    case '$pullAll': {
      const p = parentOf(doc, s.parts, false)
      const arr = p === null ? undefined : arrayAt(s.op, s.path, getIn(p, last))
      if (p === null || arr === undefined) return
      const remove = s.op === '$pull' ? compileValueCondition(s.arg) : (v: Value) => (s.arg as Value[]).some((x) => valuesEqual(x, v))
      setIn(
        p,
        last,
        arr.filter((v) => !remove(v)),
      )
      return
    }
  }
}

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$addToSet', '$pop', '$pull', '$pullAll'])

function validateArg(op: string, path: string, arg: Value): void {
  if ((op === '$inc' || op === '$mul') && typeof arg !== 'number') throw invalidParam(`${op} on "${path}" needs a number`)
  if (op === '$rename' && (typeof arg !== 'string' || arg === '' || arg === path))
    throw invalidParam(`$rename of "${path}" needs another field name`)
  if (op === '$pop' && arg !== 1 && arg !== -1) throw invalidParam(`$pop on "${path}" needs 1 or -1`)
  if (op === '$pullAll' && !Array.isArray(arg)) throw invalidParam(`$pullAll on "${path}" needs an array`)
  if (op === '$push') pushedValues(arg)
  if (op === '$addToSet') addedValues(arg)
  if (op === '$pull') compileValueCondition(arg)
  if (op === '$push' && isDoc(arg) && Object.prototype.hasOwnProperty.call(arg, '$sort')) sortPushed([], (arg as Doc).$sort)
}

function conflicts(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Compiles an operator update (`doc.update` / `where().update`). Plain top-level fields are read as
 * `$set`, since a merge update means "set these fields" in the WeChat API.
 */
export function compileUpdate(data: Doc): Updater {
  const steps: Step[] = []
  for (const key of Object.keys(data)) {
    if (!key.startsWith('$')) {
      steps.push({ op: '$set', path: key, parts: splitPath(key), arg: data[key] })
      continue
    }
    if (!OPERATORS.has(key)) throw invalidParam(`update operator ${key} is not supported`)
    const fields = data[key]
    if (!isDoc(fields)) throw invalidParam(`${key} needs an object of fields`)
    for (const path of Object.keys(fields)) {
      validateArg(key, path, fields[path])
      steps.push({ op: key, path, parts: splitPath(path), arg: fields[path] })
    }
  }
  if (steps.length === 0) throw invalidParam('update data is empty')
  const touched: string[][] = []
  for (const s of steps) {
    if (s.parts.some((p) => p === '') || s.path.startsWith('$')) throw invalidParam(`invalid field path "${s.path}"`)
    if (s.parts[0] === '_id') throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`)
    touched.push(s.parts)
    if (s.op === '$rename') touched.push(splitPath(s.arg as string))
  }
  for (let i = 0; i < touched.length; i++) {
    for (let j = i + 1; j < touched.length; j++) {
      if (conflicts(touched[i], touched[j])) {
        throw requestFailed(`Updating the path '${touched[j].join('.')}' would create a conflict at '${touched[i].join('.')}'`)
      }
    }
  }
  return (doc) => {
    const out = cloneValue(doc)
    for (const s of steps) applyStep(out, s)
    return out
  }
}

/** `set()` (merge:false): the data replaces the whole document; `_id` is kept. */
export function compileReplacement(data: Doc): Updater {
  for (const k of Object.keys(data)) if (k.startsWith('$')) throw invalidParam(`set() data cannot contain the operator ${k}`)
  return (doc) => {
    if (data._id !== undefined && !valuesEqual(data._id, doc._id)) {
      throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`)
    }
    const out: Doc = { _id: doc._id }
    for (const k of Object.keys(data)) if (k !== '_id') out[k] = cloneValue(data[k])
    return out
  }
}
