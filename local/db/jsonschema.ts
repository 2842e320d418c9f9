/**
 * `{$jsonSchema: schema}` in queries (`db.command.jsonSchema`), as MongoDB defines it: JSON Schema
 * draft 4 plus `bsonType`, without `$ref`, `$schema`, `default`, `definitions`, `format` and `id`,
 * and with `type: 'integer'` refused (MongoDB asks for `bsonType: 'int' | 'long'`).
 * https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/
 *
 * Validation is Ajv's draft-04 class (`ajv-draft-04`, from Ajv's authors): a maintained, widely used
 * validator that implements draft 4 exactly as MongoDB's keyword set does (boolean
 * `exclusiveMinimum`, `dependencies`, `additionalItems`), with unknown keywords refused (strict
 * schema) rather than ignored. Dates and regexes, which JSON has not, are shown to it as opaque
 * values that only `bsonType: 'date'` / `'regex'` accept, so `type: 'object'` never takes a date.
 */
import Ajv from 'ajv-draft-04'
import { invalidParam } from './errors'
import { Doc, RegexValue, Value, isDoc } from './values'

const DATE = Symbol('date')
const REGEX = Symbol('regex')

/** MongoDB refuses these keywords in `$jsonSchema`. */
const REFUSED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])

const INT32 = 2 ** 31
/** BSON type aliases → test on the shown value. Numbers: the SDK sends integers in int32 as int, other integers as long, the rest as double. */
const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32,
  long: (v) => typeof v === 'number' && Number.isInteger(v) && (v < -INT32 || v >= INT32),
  number: (v) => typeof v === 'number',
  decimal: () => false,
  string: (v) => typeof v === 'string',
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  bool: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  date: (v) => v === DATE,
  regex: (v) => v === REGEX,
  objectId: () => false,
  binData: () => false,
  timestamp: () => false,
  javascript: () => false,
  minKey: () => false,
  maxKey: () => false,
}

const ajv = new Ajv({
  strictSchema: true,
  strictNumbers: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allErrors: false,
  logger: false,
})
ajv.addKeyword({
  keyword: 'bsonType',
  schemaType: ['string', 'array'],
  errors: false,
  validate: (types: string | string[], data: unknown) => (Array.isArray(types) ? types : [types]).some((t) => BSON_TYPES[t](data)),
})

/** The value as Ajv sees it: JSON values as they are, dates and regexes opaque. */
function shown(v: Value | undefined): unknown {
  if (v instanceof Date) return DATE
  if (v instanceof RegexValue) return REGEX
  if (Array.isArray(v)) return v.map(shown)
  if (isDoc(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) out[k] = shown(v[k])
    return out
  }
  return v
}

/** Refuses what MongoDB refuses, walking only schema positions (a property may be named `format`). */
function checkSchema(schema: Value, at: string): void {
  if (!isDoc(schema)) throw invalidParam(`$jsonSchema: ${at} must be an object`)
  for (const k of Object.keys(schema)) {
    if (REFUSED.has(k)) throw invalidParam(`$jsonSchema keyword ${k} is not supported`)
    const v = schema[k]
    if (k === 'bsonType') {
      for (const t of Array.isArray(v) ? v : [v]) {
        if (typeof t !== 'string' || BSON_TYPES[t] === undefined) throw invalidParam(`$jsonSchema: unknown bsonType ${JSON.stringify(t)}`)
      }
    } else if (k === 'type' && (v === 'integer' || (Array.isArray(v) && v.includes('integer')))) {
      throw invalidParam('$jsonSchema: type "integer" is not supported, use bsonType "int" or "long"')
    } else if ((k === 'properties' || k === 'patternProperties') && isDoc(v)) {
      for (const p of Object.keys(v)) checkSchema(v[p], `${at}.${k}.${p}`)
    } else if (k === 'dependencies' && isDoc(v)) {
      for (const p of Object.keys(v)) if (isDoc(v[p])) checkSchema(v[p], `${at}.dependencies.${p}`)
    } else if ((k === 'items' || k === 'additionalItems' || k === 'additionalProperties' || k === 'not') && isDoc(v)) {
      checkSchema(v, `${at}.${k}`)
    } else if ((k === 'items' || k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      v.forEach((s, i) => checkSchema(s, `${at}.${k}.${i}`))
    }
  }
}

/** A predicate for `{$jsonSchema: schema}`; a malformed or unsupported schema is INVALID_PARAM. */
export function jsonSchemaPredicate(schema: Value): (doc: Doc) => boolean {
  checkSchema(schema, '$jsonSchema')
  let validate: (data: unknown) => boolean
  try {
    validate = ajv.compile(schema as Doc)
  } catch (e) {
    throw invalidParam(`$jsonSchema: ${(e as Error).message}`)
  } finally {
    // Ajv caches every compiled schema; a query's schema is compiled once per request.
    ajv.removeSchema(schema as Doc)
  }
  return (doc) => validate(shown(doc))
}
