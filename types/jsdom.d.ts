/**
 * The part of jsdom (a devDependency without bundled types) the mini-program smoke suite uses
 * (tests/weapp/simulator.ts): a window with a document, and a virtual console for its errors.
 */
declare module 'jsdom' {
  export class VirtualConsole {
    on(event: 'jsdomError', listener: (error: Error) => void): this
  }
  export interface ConstructorOptions {
    url?: string
    pretendToBeVisual?: boolean
    virtualConsole?: VirtualConsole
  }
  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions)
    readonly window: Window & typeof globalThis & { close(): void }
  }
}
