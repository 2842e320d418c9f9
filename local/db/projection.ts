/**
 * `field()` projections: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.field.html
 * Inclusion or exclusion by dot path; `_id` is returned unless excluded; `{$slice: n | [skip, n]}` on arrays;
 * `{$elemMatch: condition}` (db.command.project.elemMatch) on a top-level array field.
 */
import { invalidParam } from './errors'
import { compileQuery } from './matcher'
import { Doc, Value, cloneValue, isDoc, splitPath } from './values'

interface Tree {
  [segment: string]: Tree | true
}

export interface Projection {
  apply(doc: Doc): Doc
}

function addPath(tree: Tree, parts: string[]): void {
  let t = tree
  for (let i = 0; i < parts.length - 1; i++) {
    const next = t[parts[i]]
    if (next === true) return // a parent is already projected whole
    if (next === undefined) t[parts[i]] = {}
    t = t[parts[i]] as Tree
  }
  t[parts[parts.length - 1]] = true
}

function include(v: Value, tree: Tree): Value | undefined {
  if (Array.isArray(v)) {
    // Through an array, the sub-paths are taken from each element document; other elements are dropped.
    return v.filter(isDoc).map((el) => include(el, tree) as Doc)
  }
  if (!isDoc(v)) return undefined
  const out: Doc = {}
  for (const k of Object.keys(v)) {
    const t = tree[k]
    if (t === undefined) continue
    const sub = t === true ? v[k] : include(v[k], t)
    if (sub !== undefined) out[k] = sub
  }
  return out
}

function exclude(v: Value, tree: Tree): Value {
  if (Array.isArray(v)) return v.map((el) => (isDoc(el) ? exclude(el, tree) : el))
  if (!isDoc(v)) return v
  const out: Doc = {}
  for (const k of Object.keys(v)) {
    const t = tree[k]
    if (t === true) continue
    out[k] = t === undefined ? v[k] : exclude(v[k], t)
  }
  return out
}

function sliceAt(doc: Doc, parts: string[], spec: Value): void {
  let cur: Value | undefined = doc
  for (let i = 0; i < parts.length - 1 && isDoc(cur); i++) cur = cur[parts[i]]
  const last = parts[parts.length - 1]
  if (!isDoc(cur) || !Array.isArray(cur[last])) return
  const arr = cur[last] as Value[]
  if (typeof spec === 'number') {
    cur[last] = spec >= 0 ? arr.slice(0, spec) : arr.slice(Math.max(0, arr.length + spec))
  } else {
    const [skip, n] = spec as [number, number]
    const start = skip >= 0 ? skip : Math.max(0, arr.length + skip)
    cur[last] = arr.slice(start, start + n)
  }
}

export function compileProjection(spec: Doc): Projection {
  const included: Tree = {}
  const excluded: Tree = {}
  const slices: Array<[string[], Value]> = []
  /** Field → does this element match (MongoDB: the first matching element, as a one-element array). */
  const elemMatches: Array<[string, (el: Value) => boolean]> = []
  let idWanted = true
  let inclusion = false
  let exclusion = false
  for (const path of Object.keys(spec)) {
    const v = spec[path]
    const parts = splitPath(path)
    if (isDoc(v) && Object.keys(v).length === 1 && Object.prototype.hasOwnProperty.call(v, '$elemMatch')) {
      // As in MongoDB: a top-level field only, and the projection becomes an inclusion.
      if (parts.length !== 1) throw invalidParam(`$elemMatch projection of "${path}" needs a top-level field`)
      if (!isDoc(v.$elemMatch)) throw invalidParam(`$elemMatch projection of "${path}" needs a condition object`)
      const test = compileQuery({ e: { $elemMatch: v.$elemMatch } })
      elemMatches.push([path, (el) => test({ e: [el] })])
      inclusion = true
      addPath(included, parts)
      continue
    }
    if (isDoc(v)) {
      const s = v.$slice
      const ok =
        Object.keys(v).length === 1 &&
        (typeof s === 'number' || (Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'number') && (s[1] as number) > 0))
      if (!ok) throw invalidParam(`projection of "${path}" supports only {$slice: n} or {$slice: [skip, n]}`)
      slices.push([parts, s as Value])
      continue
    }
    if (typeof v !== 'number' && typeof v !== 'boolean') throw invalidParam(`projection of "${path}" must be 1, 0, true or false`)
    const on = v === true || (typeof v === 'number' && v !== 0)
    if (path === '_id') idWanted = on
    else if (on) {
      inclusion = true
      addPath(included, parts)
    } else {
      exclusion = true
      addPath(excluded, parts)
    }
  }
  if (elemMatches.length > 0 && exclusion) throw invalidParam('$elemMatch projection cannot be mixed with excluded fields')
  // A sliced array is returned in an inclusion projection too (MongoDB: `{a: 1, tags: {$slice: 2}}`).
  if (inclusion) for (const [parts] of slices) addPath(included, parts)
  // The SDK sends `field({a: true, secret: false})` as `{a: 1, secret: 0}`. MongoDB refuses that mix;
  // the meaning is clear (only `a` is wanted), so inclusion wins and the exclusions are implied.
  return {
    apply(doc) {
      let out: Doc
      if (inclusion) {
        out = include(doc, included) as Doc
        if (idWanted && doc._id !== undefined) out = { _id: doc._id, ...out }
      } else {
        out = exclude(doc, excluded) as Doc
      }
      if (!idWanted) delete out._id
      // Slicing replaces arrays in place; the source document may be a transaction's buffered copy.
      if (slices.length > 0 || elemMatches.length > 0) out = cloneValue(out)
      for (const [parts, s] of slices) sliceAt(out, parts, s)
      for (const [field, matches] of elemMatches) {
        const arr = out[field]
        const hit = Array.isArray(arr) ? arr.find(matches) : undefined
        if (hit === undefined) delete out[field]
        else out[field] = [hit]
      }
      return out
    },
  }
}
