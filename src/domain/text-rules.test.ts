import { describe, expect, it } from 'vitest'
import { firstLine, oneLine, truncate } from './text-rules'

describe('cutting text (code points)', () => {
  it.each([
    ['empty', '', 3, ''],
    ['shorter than the limit', '春季', 3, '春季'],
    ['exactly the limit', '春季新', 3, '春季新'],
    ['one over the limit', '春季新款', 3, '春季新…'],
    ['an emoji at the edge is one code point, never half of one', '👗👗👗👗', 3, '👗👗👗…'],
  ])('when the text is %s, then truncate keeps at most the limit and marks a cut', (_case, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected)
  })

  it('when a text spans lines, then oneLine joins them and firstLine takes the first with something on it', () => {
    expect(oneLine('  春季\n\n新款\t上市 ')).toBe('春季 新款 上市')
    expect(firstLine('\n   \n  春季新款 \n第二行')).toBe('春季新款')
    expect(firstLine('   ')).toBe('')
  })
})
