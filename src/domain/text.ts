/** Length in Unicode code points: one Chinese character or one emoji is one (R4). */
export function codePointLength(text: string): number {
  return Array.from(text).length
}
