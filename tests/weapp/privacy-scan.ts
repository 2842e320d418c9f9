import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { PRIVACY_SCOPES } from '@/domain/privacy-scopes'
import { WECHAT_PRIVACY_APIS, WECHAT_PRIVACY_COMPONENTS, WECHAT_PRIVACY_SCOPES } from './simulator/privacy'

/** One privacy-scoped use found in a build: what, under which privacy_key, in which file. */
export interface PrivacyUse {
  /** As the declaration writes it: `setClipboardData`, `authorize:scope.writePhotosAlbum`, `button open-type="chooseAvatar"`. */
  name: string
  key: string
  file: string
}

function filesOf(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && ext.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * How a privacy-scoped component shows in the built JS (Taro's props: `openType:"chooseAvatar"`, or
 * `type:isWeapp?"nickname":"text"`) or in WXML (a literal tag or attribute). Only the WXML form is
 * looked for in WXML: the declaration itself is bundled as JS and writes components the WXML way.
 */
function componentPattern(component: string, wxml: boolean): RegExp {
  const attribute = /^(\w[\w-]*) ([\w-]+)="(\w+)"$/.exec(component)
  if (!attribute) return wxml ? new RegExp(`<${escape(component)}[\\s>/]`) : /(?!)/
  const [, , name, value] = attribute
  if (wxml) return new RegExp(`\\s${escape(name)}="${value}"`)
  const prop = name === 'open-type' ? 'openType' : name
  return new RegExp(`\\b${prop}:(?:[^,;{}()]{0,40}\\?)?"${value}"`)
}

/**
 * Every privacy-scoped API call (`.chooseMedia(`), authorize scope (`"scope.writePhotosAlbum"`) and
 * component WeChat lists, found in the built mini-program's JS and WXML. The app's own declaration
 * is skipped where it is bundled: only its quoted entries name these, never a call or a prop.
 */
export function privacyUsesIn(distDir: string): PrivacyUse[] {
  const uses: PrivacyUse[] = []
  const found = (name: string, key: string, file: string) => uses.push({ name, key, file: path.relative(distDir, file) })
  for (const file of filesOf(distDir, /\.(js|wxml)$/)) {
    const text = readFileSync(file, 'utf8')
    if (file.endsWith('.js')) {
      for (const [key, apis] of Object.entries(WECHAT_PRIVACY_APIS))
        for (const api of apis) if (new RegExp(`\\.${api}\\(`).test(text)) found(api, key, file)
      for (const [scope, key] of Object.entries(WECHAT_PRIVACY_SCOPES))
        if (new RegExp(`"${escape(scope)}"`).test(text)) found(`authorize:${scope}`, key, file)
    }
    for (const [key, components] of Object.entries(WECHAT_PRIVACY_COMPONENTS))
      for (const component of components) if (componentPattern(component, file.endsWith('.wxml')).test(text)) found(component, key, file)
  }
  return uses
}

/** Uses the declaration does not list under their privacy_key (WeChat would refuse them), as `name (key) in file`. */
export function undeclaredUses(uses: readonly PrivacyUse[]): string[] {
  const declared = (use: PrivacyUse) =>
    PRIVACY_SCOPES.some((scope) => scope.key === use.key && [...scope.apis, ...scope.components].includes(use.name))
  return [...new Set(uses.filter((use) => !declared(use)).map((use) => `${use.name} (${use.key}) in ${use.file}`))]
}

/** Declared APIs and components the build no longer uses (the guide would ask for more than the app does). */
export function unusedDeclarations(uses: readonly PrivacyUse[]): string[] {
  const used = new Set(uses.map((use) => use.name))
  return PRIVACY_SCOPES.flatMap((scope) => [...scope.apis, ...scope.components]).filter((name) => !used.has(name))
}
