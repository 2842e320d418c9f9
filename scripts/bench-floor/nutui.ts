/**
 * The weapp size floor the main package is held to (≤ 1.3×): a one-page app built with the project's Taro config that renders
 * the same NutUI components as the main package. The components are read from the sources (every
 * module the app and its main-package pages import, as the build for that platform resolves them),
 * so the floor follows the app when a page starts or stops using one.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(__dirname, '..', '..')
const NUTUI = '@nutui/nutui-react-taro'
const EXTENSIONS = ['.tsx', '.ts']

/** The file a Taro build of `platform` resolves `specifier` to, or null for a package or an asset. */
function resolveModule(from: string, specifier: string, platform: string): string | null {
  let base: string
  if (specifier.startsWith('@/')) base = path.join(root, 'src', specifier.slice(2))
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier)
  else return null
  for (const stem of [base, path.join(base, 'index')]) {
    for (const ext of EXTENSIONS) {
      for (const candidate of [`${stem}.${platform}${ext}`, `${stem}${ext}`]) if (existsSync(candidate)) return candidate
    }
  }
  return null
}

/** The NutUI components reachable from `entries` (names as imported from the package). */
export function nutuiComponentsOf(entries: string[], platform: string): string[] {
  const seen = new Set<string>()
  const components = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
    for (const statement of source.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue
      const specifier = statement.moduleSpecifier
      if (!specifier || !ts.isStringLiteral(specifier)) continue
      if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue
      if (specifier.text === NUTUI && ts.isImportDeclaration(statement)) {
        const bindings = statement.importClause?.namedBindings
        if (bindings && ts.isNamedImports(bindings))
          for (const element of bindings.elements) if (!element.isTypeOnly) components.add((element.propertyName ?? element.name).text)
        continue
      }
      const resolved = resolveModule(file, specifier.text, platform)
      if (resolved) queue.push(resolved)
    }
  }
  return [...components].sort()
}

/** The app and its main-package pages, as the built app.json lists them. */
export function mainPackageEntries(appJsonFile: string, platform: string): string[] {
  const app = JSON.parse(readFileSync(appJsonFile, 'utf8')) as { pages: string[] }
  const entries = ['app', ...app.pages].map((page) => resolveModule(path.join(root, 'src', 'x'), `./${page}`, platform))
  return entries.filter((entry): entry is string => entry !== null)
}

/**
 * Writes the floor's sources into `sourceRoot` (relative to the project, as Taro's sourceRoot is):
 * the bare floor app with its one page rendering each component.
 */
export function writeNutuiFloor(sourceRoot: string, components: string[]): void {
  const target = path.join(root, sourceRoot)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const file of ['app.ts', 'app.config.ts', 'index.html', 'pages'])
    cpSync(path.join(__dirname, file), path.join(target, file), { recursive: true })
  const page = `import { Text, View } from '@tarojs/components'
import { ${components.join(', ')} } from '${NUTUI}'

// Every NutUI component the main package imports, each rendered once.
const components = [${components.join(', ')}]

export default function Index() {
  return (
    <View>
      <Text>Hello</Text>
      {components.map((Component, index) => (
        <Component key={index} />
      ))}
    </View>
  )
}
`
  writeFileSync(path.join(target, 'pages', 'index', 'index.tsx'), page)
}
