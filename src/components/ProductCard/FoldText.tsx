import { useState } from 'react'
import type { ITouchEvent } from '@tarojs/components'
import { Text, View } from '@tarojs/components'

/** Characters of CJK width per line of the card's text column (about 546 design px at 30 px). */
const LINE_UNITS = 18

/** Lines the text takes: CJK characters and emoji count one unit, Latin letters and digits about half. */
function visualLines(text: string): number {
  return text.split('\n').reduce((lines, paragraph) => {
    let units = 0
    for (const char of paragraph) units += (char.codePointAt(0) ?? 0) < 0x2e80 && char.length === 1 ? 0.55 : 1
    return lines + Math.max(1, Math.ceil(units / LINE_UNITS))
  }, 0)
}

/**
 * Moments-style text (SPEC §6): folded after `lines` lines with 「全文」, and 「收起」 to fold it again.
 * The line count is estimated (a mini-program cannot measure text before it is laid out), so the
 * toggle only shows for text that clearly runs past the fold.
 */
export default function FoldText({ text, lines = 6, className }: { text: string; lines?: number; className?: string }) {
  const [expanded, setExpanded] = useState(false)
  const long = visualLines(text) > lines
  const toggle = (e: ITouchEvent) => {
    e.stopPropagation()
    setExpanded((v) => !v)
  }
  return (
    <View className={`fold-text ${className ?? ''}`}>
      {/* A block, not <Text>: line clamping needs a block box in the mini-program. */}
      <View className={`fold-text-body${long && !expanded ? ' fold-text-folded' : ''}`}>{text}</View>
      {long ? (
        <Text className='fold-toggle' onClick={toggle}>
          {expanded ? '收起' : '全文'}
        </Text>
      ) : null}
    </View>
  )
}
