/** 「N 件新品」 and 「N 条新动态」 are counted up to this many: a badge, whose cost must not grow with the catalogue. */
export const NEW_COUNT_MAX = 100

/** The badge's number: a capped count reads 「99+」, never a false 「100」. */
export function newCountLabel(count: number): string {
  return count >= NEW_COUNT_MAX ? `${NEW_COUNT_MAX - 1}+` : String(count)
}
