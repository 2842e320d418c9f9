/**
 * Aggregation pipelines (collection.aggregate()…end()) run by mingo, limited to the stages CloudBase
 * documents: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.html
 * ($geoNear is refused: no geo index here). Expressions and accumulators: see mingo.ts.
 *
 * Adapted at the seam, where mingo differs from MongoDB:
 * - `$match` uses this database's matcher (the one queries use) and `$sort` its BSON-order sort, so
 *   a pipeline filters and orders exactly like `where()`/`orderBy()`;
 * - `$sample` draws without replacement (mingo repeats documents) and `$skip`/`$limit`/`$unwind`/
 *   `$lookup` arguments are checked (mingo would run a malformed one with a guessed meaning);
 * - `$lookup` by localField/foreignField joins with the matcher's equality (mingo puts a null in
 *   the joined array for every local value without a match);
 * - `$addFields` works on a copy: mingo writes nested paths into objects that `$unwind`/`$lookup`
 *   outputs share, so one document's new field would show up in its siblings.
 */
import { Aggregator } from 'mingo/aggregator'
import { Context, OpType } from 'mingo/core'
import { Iterator, Lazy } from 'mingo/lazy'
import * as pipeline from 'mingo/operators/pipeline'
import type { Options } from 'mingo/types'
import { invalidParam } from './errors'
import { compileQuery } from './matcher'
import { checkExpression, checkNoNow, expressionContext, mingoOptions, viaMingo } from './mingo'
import { parseOrder, sortBy } from './sort'
import { Doc, Value, cloneValue, isDoc, lookupBranches, splitPath } from './values'

export interface Stage {
  key: string
  value: Value
}

/** Reads a whole collection (for the first stage and for $lookup); [] when it does not exist. */
export type CollectionReader = (collection: string, match?: Doc) => Doc[]

function positiveInt(v: unknown, stage: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw invalidParam(`${stage} needs an integer of at least ${min}`)
  return v
}

type StageOperator = (coll: Iterator, spec: Value, options: Options) => Iterator

function match(coll: Iterator, query: Value, options: Options): Iterator {
  if (!isDoc(query)) throw invalidParam('$match needs an object')
  // The options carry `$lookup`'s `let` variables for a `$expr` inside its pipeline.
  const pred = compileQuery(query, options)
  return coll.filter((d: Doc) => pred(d))
}

function sort(coll: Iterator, spec: Value): Iterator {
  if (!isDoc(spec)) throw invalidParam('$sort needs an object')
  const keys = parseOrder(spec, '$sort')
  return coll.transform((docs: Doc[]) => Lazy(sortBy(docs, (d) => d, keys)))
}

function sample(coll: Iterator, spec: Value): Iterator {
  const size = positiveInt(isDoc(spec) ? spec.size : undefined, '$sample size', 0)
  return coll.transform((docs: Doc[]) => {
    // Partial Fisher-Yates: `size` distinct documents, all of them (shuffled) when there are fewer.
    const out = docs.slice()
    const n = Math.min(size, out.length)
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (out.length - i))
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return Lazy(out.slice(0, n))
  })
}

function unwind(coll: Iterator, spec: Value, options: Options): Iterator {
  const s = typeof spec === 'string' ? { path: spec } : spec
  if (!isDoc(s) || typeof s.path !== 'string' || !/^\$[^$.]/.test(s.path)) throw invalidParam('$unwind needs a "$field" path')
  if (s.includeArrayIndex !== undefined && (typeof s.includeArrayIndex !== 'string' || s.includeArrayIndex.startsWith('$'))) {
    throw invalidParam('$unwind includeArrayIndex needs a field name')
  }
  return pipeline.$unwind(coll, s as never, options)
}

function lookup(read: CollectionReader): StageOperator {
  return (coll, spec, options) => {
    if (!isDoc(spec) || typeof spec.from !== 'string' || typeof spec.as !== 'string') throw invalidParam('$lookup needs from and as')
    const { from, as, localField, foreignField } = spec
    if ((localField === undefined) !== (foreignField === undefined)) throw invalidParam('$lookup needs both localField and foreignField')
    if (spec.pipeline !== undefined) {
      if (!Array.isArray(spec.pipeline)) throw invalidParam('$lookup pipeline needs an array of stages')
      return pipeline.$lookup(coll, spec as never, options)
    }
    if (typeof localField !== 'string' || typeof foreignField !== 'string')
      throw invalidParam('$lookup needs localField/foreignField or a pipeline')
    return coll.map((d: Doc) => {
      const local = lookupBranches(d, splitPath(localField)).flatMap((v) => (Array.isArray(v) ? v : [v ?? null]))
      // Equality as the query `{foreignField: {$in: local values}}` (a missing local value matches null/missing),
      // handed to the store per document so an index on foreignField narrows the read, as in production.
      const query = { [foreignField]: { $in: local } }
      const pred = compileQuery(query)
      // Copies: documents joined to several inputs must not share objects later stages write into.
      return {
        ...d,
        [as]: read(from, query)
          .filter(pred)
          .map((f) => cloneValue(f)),
      }
    })
  }
}

function aggregationContext(read: CollectionReader): Context {
  const { $addFields, $bucket, $bucketAuto, $count, $group, $limit, $project, $replaceRoot, $skip, $sortByCount } = pipeline
  const stages: Record<`$${string}`, StageOperator> = {
    $addFields: (coll, spec, options) =>
      $addFields(
        coll.map((d: Doc) => cloneValue(d)),
        spec as never,
        options,
      ),
    $bucket: (coll, spec, options) => $bucket(coll, spec as never, options),
    $bucketAuto: (coll, spec, options) => $bucketAuto(coll, spec as never, options),
    $count: (coll, spec, options) => $count(coll, spec as never, options),
    $group: (coll, spec, options) => {
      if (isDoc(spec)) {
        for (const field of Object.keys(spec)) {
          const acc = spec[field]
          if (field === '_id' || !isDoc(acc)) continue
          const [op] = Object.keys(acc)
          // mingo would run `{$sum: [1, 2]}` here as a sum over the group of the array (0); MongoDB refuses it.
          if (op !== undefined && Array.isArray(acc[op])) throw invalidParam(`The ${op} accumulator is a unary operator`)
        }
      }
      return $group(coll, spec as never, options)
    },
    $limit: (coll, n, options) => $limit(coll, positiveInt(n, '$limit', 1), options),
    $lookup: lookup(read),
    $match: match,
    $project: (coll, spec, options) => $project(coll, spec as never, options),
    $replaceRoot: (coll, spec, options) => $replaceRoot(coll, spec as never, options),
    $sample: sample,
    $skip: (coll, n, options) => $skip(coll, positiveInt(n, '$skip', 0), options),
    $sort: sort,
    $sortByCount: (coll, spec, options) => $sortByCount(coll, spec as never, options),
    $unwind: unwind,
  }
  return Context.from(expressionContext).addPipelineOps(stages as never)
}

/** Stages whose argument is an expression tree, checked for unknown operators before any document is read. */
const EXPRESSION_STAGES = new Set(['$addFields', '$bucket', '$bucketAuto', '$group', '$project', '$replaceRoot', '$sortByCount'])

export function runPipeline(collection: string, stages: Stage[], read: CollectionReader): Doc[] {
  const context = aggregationContext(read)
  for (const { key, value } of stages) {
    if (context.getOperator(OpType.PIPELINE, key) === null) throw invalidParam(`aggregation stage ${key} is not supported`)
    if (EXPRESSION_STAGES.has(key)) checkExpression(value, context)
    // In $match a string is a literal; a `$expr` there is checked by the matcher.
    if (key !== '$match') checkNoNow(value)
  }
  // A leading $match is handed to the store so indexes narrow the scan.
  let rest = stages
  let docs: Doc[]
  if (stages.length > 0 && stages[0].key === '$match') {
    const q = stages[0].value
    if (!isDoc(q)) throw invalidParam('$match needs an object')
    docs = read(collection, q)
    rest = stages.slice(1)
  } else {
    docs = read(collection)
  }
  if (rest.length === 0) return docs
  const options = mingoOptions(context, { collectionResolver: (name) => read(name) })
  const out = viaMingo(() =>
    new Aggregator(
      rest.map((s) => ({ [s.key]: s.value })),
      options,
    ).run<Doc>(docs),
  )
  // MongoDB keeps `_id` first; mingo appends it after the projected fields.
  return out.map((d) => (Object.prototype.hasOwnProperty.call(d, '_id') && Object.keys(d)[0] !== '_id' ? { _id: d._id, ...d } : d))
}
