/**
 * CloudBase storage security rules (云存储安全规则), evaluated for front-end writes as the platform
 * does, so the local cloud refuses what production refuses. Only the part of the rule language a
 * deployment here uses is understood: `true`, `false`, or an expression of `==`, `!=`, `&&`, `||`
 * over `auth.openid`, `resource.openid`, `resource.path`, quoted strings, `null`, `true`, `false`
 * and a regex literal's `.test(…)`. As CloudBase requires, a `.test(…)` result counts only when
 * compared with `true` or `false`. A rule outside this is refused when the cloud starts, never
 * guessed at while it runs.
 */

/** What a rule sees of one write: who asks (null: nobody signed in) and the file. */
export interface StorageRequest {
  auth: { openid: string } | null
  /** `openid`: the file's creator; for a file not yet there, the one creating it. */
  resource: { openid: string | null; path: string }
}

export type StorageRule = (request: StorageRequest) => boolean

type Value = string | boolean | null
/** A parsed term, typed: a comparison is 'boolean', a value of a variable or literal 'value'. */
type Term = { type: 'boolean' | 'value'; evaluate: (request: StorageRequest) => Value }

/** Reading `auth.openid` with nobody signed in: the rule denies, as `auth.openid` is then no value at all. */
class NoAuth extends Error {}

const VARIABLES: Record<string, (request: StorageRequest) => Value> = {
  'auth.openid': (request) => {
    if (!request.auth) throw new NoAuth()
    return request.auth.openid
  },
  'resource.openid': (request) => request.resource.openid,
  'resource.path': (request) => request.resource.path,
}

/** The rule as a predicate; throws, naming the rule, when it is not one this evaluator understands. */
export function compileStorageRule(rule: unknown): StorageRule {
  if (typeof rule === 'boolean') return () => rule
  if (typeof rule !== 'string') throw new Error(`storage rule ${JSON.stringify(rule)}: not a boolean or an expression`)
  try {
    const parser = new Parser(rule)
    const term = parser.expression()
    parser.end()
    if (term.type !== 'boolean') throw new Error('the rule is a value, not a condition')
    return (request) => {
      try {
        return term.evaluate(request) === true
      } catch (error) {
        if (error instanceof NoAuth) return false
        throw error
      }
    }
  } catch (error) {
    throw new Error(`storage rule ${JSON.stringify(rule)} cannot be evaluated locally: ${(error as Error).message}`)
  }
}

class Parser {
  private at = 0

  constructor(private readonly text: string) {}

  /** or := and ('||' and)* */
  expression(): Term {
    let left = this.conjunction()
    while (this.take('||')) left = logical(left, this.conjunction(), (a, b) => a || b)
    return left
  }

  end(): void {
    this.space()
    if (this.at < this.text.length) throw new Error(`unexpected "${this.text.slice(this.at, this.at + 12)}"`)
  }

  /** and := comparison ('&&' comparison)* */
  private conjunction(): Term {
    let left = this.comparison()
    while (this.take('&&')) left = logical(left, this.comparison(), (a, b) => a && b)
    return left
  }

  /** comparison := operand ('==' | '!=') operand, or a parenthesised expression */
  private comparison(): Term {
    if (this.take('(')) {
      const inner = this.expression()
      this.expect(')')
      return inner
    }
    const left = this.operand()
    const operator = this.take('==') ? '==' : this.take('!=') ? '!=' : null
    if (!operator) throw new Error(`expected == or != after "${this.text.slice(0, this.at).trim()}"`)
    const right = this.operand()
    return {
      type: 'boolean',
      evaluate: (request) => (left.evaluate(request) === right.evaluate(request)) === (operator === '=='),
    }
  }

  /** operand := variable | 'string' | null | true | false | /regex/.test(operand) */
  private operand(): Term {
    this.space()
    if (this.text[this.at] === '/') return this.regexTest()
    const quoted = /^'([^'\\]*)'|^"([^"\\]*)"/.exec(this.text.slice(this.at))
    if (quoted) {
      this.at += quoted[0].length
      const value = quoted[1] ?? quoted[2] ?? ''
      return { type: 'value', evaluate: () => value }
    }
    const word = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.at))?.[0]
    if (!word) throw new Error(`expected a value at "${this.text.slice(this.at, this.at + 12)}"`)
    this.at += word.length
    if (word === 'null') return { type: 'value', evaluate: () => null }
    if (word === 'true' || word === 'false') return { type: 'value', evaluate: () => word === 'true' }
    const variable = VARIABLES[word]
    if (!variable) throw new Error(`unknown variable "${word}" (known: ${Object.keys(VARIABLES).join(', ')})`)
    return { type: 'value', evaluate: variable }
  }

  /** A regex literal (flags i, m, s, u only: g and y would make test() stateful) called with `.test(operand)`. */
  private regexTest(): Term {
    let end = this.at + 1
    let inClass = false
    for (; end < this.text.length; end += 1) {
      const char = this.text[end]
      if (char === '\\') end += 1
      else if (char === '[') inClass = true
      else if (char === ']') inClass = false
      else if (char === '/' && !inClass) break
    }
    if (end >= this.text.length) throw new Error('unterminated regex literal')
    const source = this.text.slice(this.at + 1, end)
    const flags = /^[imsu]*/.exec(this.text.slice(end + 1))?.[0] ?? ''
    const pattern = new RegExp(source, flags)
    this.at = end + 1 + flags.length
    this.expect('.test')
    this.expect('(')
    const subject = this.operand()
    this.expect(')')
    return {
      // A boolean, yet not a condition on its own: CloudBase wants it compared with true or false.
      type: 'value',
      evaluate: (request) => {
        const value = subject.evaluate(request)
        return typeof value === 'string' && pattern.test(value)
      },
    }
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at += 1
  }

  private take(token: string): boolean {
    this.space()
    if (!this.text.startsWith(token, this.at)) return false
    this.at += token.length
    return true
  }

  private expect(token: string): void {
    if (!this.take(token)) throw new Error(`expected "${token}" at "${this.text.slice(this.at, this.at + 12)}"`)
  }
}

function logical(left: Term, right: Term, combine: (a: boolean, b: boolean) => boolean): Term {
  if (left.type !== 'boolean' || right.type !== 'boolean') throw new Error('&& and || join comparisons only')
  return { type: 'boolean', evaluate: (request) => combine(left.evaluate(request) === true, right.evaluate(request) === true) }
}

/**
 * The write rule of a storage ACL as the management API sets it (ModifyStorageSafeRule): the preset
 * tags as CloudBase's console describes them — PRIVATE and READONLY let only a file's creator write
 * it, ADMINWRITE and ADMINONLY no client at all — and CUSTOM's `write` (absent: nobody). Throws, like
 * compileStorageRule, when the rule is not one this evaluator understands.
 */
export function storageWriteRuleOf(acl: { AclTag: string; Rule?: string }): StorageRule {
  if (acl.AclTag === 'PRIVATE' || acl.AclTag === 'READONLY') return compileStorageRule('resource.openid == auth.openid')
  if (acl.AclTag !== 'CUSTOM') return () => false
  const rules = JSON.parse(acl.Rule ?? '{}') as { write?: unknown }
  return compileStorageRule(rules.write ?? false)
}
