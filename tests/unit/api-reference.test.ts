import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { api } from '@/domain/api'

describe('docs/api.md', () => {
  const reference = readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8')
  const actions = Object.entries(api).flatMap(([fn, endpoints]) => Object.keys(endpoints).map((action) => `${fn}.${action}`))

  it.each(actions)('when the contract has %s, then the reference documents it', (name) => {
    expect(reference).toContain(`\`${name}\``)
  })
})
