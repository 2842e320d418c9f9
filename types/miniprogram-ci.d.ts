/**
 * The small part of miniprogram-ci (pinned at 2.1.42) that scripts/weapp-compile.ts uses, typed
 * here because the package's own typings leave these shapes as `any` or deep internal types.
 * Only what runs offline: `WebProject` (fake appid, no signing) and the two calls below.
 */
declare module 'miniprogram-ci' {
  /** Compiler switches; the minify ones are what make the compiler parse JS, WXML and WXSS at all. */
  export interface CompileSetting {
    es6?: boolean
    enhance?: boolean
    minified?: boolean
    minifyJS?: boolean
    minifyWXML?: boolean
    minifyWXSS?: boolean
  }

  export class WebProject {
    constructor(options: { projectPath: string; ignores?: string[] })
  }

  /** Resolves with the compiled package as `{ relative path: content }`; rejects with an Error carrying `code` (and `path` for WXML/WXSS). */
  export function getCompiledResult(options: {
    project: WebProject
    setting?: CompileSetting
    threads?: number
  }): Promise<Record<string, string | Buffer>>

  export interface AnalysedDep {
    request: string
    path: string | null
    /** Set when the dependency could not be resolved (e.g. a require of a missing file). */
    error?: string
  }

  export interface AnalysedModule {
    id: string
    type: string
    path: string
    deps: AnalysedDep[]
    warnings?: string[]
    errors?: string[]
    buildError?: string
  }

  export interface AnalysedFile {
    path: string
    size: number
    subPackage: string | null
  }

  export interface AnalyseResult {
    files: AnalysedFile[]
    modules: AnalysedModule[]
  }

  /** Leaves a file watcher running: call it in a process that exits afterwards. */
  export function analyseCode(project: WebProject, option?: { silent: boolean }): Promise<AnalyseResult | undefined>

  /** A signed project for upload and preview (npm run upload): these two calls need WeChat's servers. */
  export class Project {
    constructor(options: { appid: string; type: 'miniProgram'; projectPath: string; privateKey: string; ignores?: string[] })
  }

  export interface UploadOptions {
    project: Project
    version: string
    desc?: string
    robot?: number
    setting?: CompileSetting & { minify?: boolean }
    onProgressUpdate?: (task: unknown) => void
  }

  export function upload(options: UploadOptions): Promise<{ subPackageInfo?: Array<{ name: string; size: number }> }>

  /** `qrcodeFormat: 'terminal'` prints the preview QR code to stdout. */
  export function preview(
    options: UploadOptions & { qrcodeFormat: 'terminal' | 'base64' | 'image'; qrcodeOutputDest: string },
  ): Promise<unknown>
}
