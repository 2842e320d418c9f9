import type { Weapp } from './index'
import { countTaroElements } from './app-json'
import type { PageInstance, PageRecord, RenderedComponent, TaroNode } from './types'

/** A page on screen: what it rendered, and taps on it. */
export class OpenedPage {
  constructor(
    private readonly weapp: Weapp,
    readonly record: PageRecord,
    private readonly rendered: RenderedComponent | null,
  ) {}

  get instance(): PageInstance | null {
    return this.rendered?.instance ?? null
  }

  /** The visible text and the values of inputs and text areas, whitespace collapsed. */
  text(): string {
    const root = this.rendered?.dom
    if (!root) return ''
    const values = Array.from(root.querySelectorAll('wx-input, wx-textarea')).map((element) => {
      const attrs =
        (element as unknown as { __wxElement?: { _vt?: { attrs?: { name: string; value: unknown }[] } } }).__wxElement?._vt?.attrs ?? []
      const value = attrs.find((attr) => attr.name === 'value')?.value
      return value === undefined || value === null ? '' : String(value)
    })
    return [root.textContent ?? '', ...values].join(' ').replace(/\s+/g, ' ').trim()
  }

  /** Elements of Taro's node tree: what React rendered. */
  taroElementCount(): number {
    return countTaroElements(this.instance?.data.root)
  }

  /** Elements WeChat's templates produced (each carries Taro's data-sid). */
  renderedElementCount(): number {
    return this.rendered?.dom.querySelectorAll('[data-sid]').length ?? 0
  }

  /** The Taro nodes with no element on screen (their template does not exist), as `<nn class="…">`. */
  droppedNodes(): string[] {
    const root = this.rendered?.dom
    if (!root) return []
    const rendered = new Set(Array.from(root.querySelectorAll('[data-sid]')).map((element) => element.getAttribute('data-sid')))
    const dropped = new Set<string>()
    const walk = (node: TaroNode) => {
      for (const child of node.cn ?? []) {
        if (child.v !== undefined) continue
        if (!rendered.has(child.sid ?? '')) dropped.add(`<${String(child.nn)}${child.cl ? ` class="${child.cl}"` : ''}>`)
        walk(child)
      }
    }
    walk(this.instance?.data.root ?? {})
    return [...dropped]
  }

  /** Elements matching `selector` whose text contains `text` (all of them without `text`). */
  find(selector: string, text?: string): Element[] {
    const root = this.rendered?.dom
    if (!root) return []
    return Array.from(root.querySelectorAll(selector)).filter((element) => text === undefined || (element.textContent ?? '').includes(text))
  }

  /** Taps the first element matching `selector` (containing `text`) and waits until the page settles. */
  async tap(selector: string, text?: string): Promise<void> {
    const [element] = this.find(selector, text)
    if (!element) throw new Error(`nothing to tap at ${selector}${text ? ` containing 「${text}」` : ''}`)
    this.weapp.tap(this.record, element)
    await this.weapp.settle()
  }

  /** What WeChat's share menu gets from the page: onShareAppMessage / onShareTimeline, or null without one. */
  share(kind: 'message' | 'timeline'): unknown {
    const page = this.instance
    const handler = kind === 'message' ? page?.onShareAppMessage : page?.onShareTimeline
    if (!page || !handler) return null
    let result: unknown = null
    this.weapp.guard(this.record, `share ${kind}`, () => (result = handler.call(page, { from: 'menu' })))
    return result
  }
}
