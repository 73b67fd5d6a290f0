/**
 * The layer rule and the no-circles rule, read from the source: every import of
 * every file under src/ (static imports and re-exports, `import type`, dynamic
 * `import('…')` and `import('…')` type expressions), found by TypeScript's own
 * import scanner (comments and strings are not imports).
 *
 * - A file imports only from its own layer and from the layers its layer lists
 *   in `may` (all of them lower in LAYERS). In particular nothing in src/core
 *   imports from src/loader, src/widget, src/voice or src/attach.
 * - No import circle anywhere in src/, type-only imports included.
 * - livekit-client is imported only by the voice chunk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

interface Layer {
  name: string
  /** Folders (ending in `/`) and files, relative to the repository. */
  files: string[]
  /** The lower layers this one may import (besides itself). */
  may: string[]
}

/** The layers, lowest first. */
export const LAYERS: Layer[] = [
  // Logic without DOM or Preact, the stores, the UI text tables and their types,
  // the contracts between the separately loaded parts, and the public types.
  { name: 'base', files: ['src/core/', 'src/stores/', 'src/i18n/', 'src/contracts.ts', 'src/api.ts', 'src/globals.d.ts'], may: [] },
  // Small Preact helpers the panel and the chunks share (memo, the host-page junk guard).
  { name: 'ui', files: ['src/ui/'], may: ['base'] },
  // Rich replies: markdown and product cards, as Preact vnodes.
  { name: 'markdown', files: ['src/markdown/'], may: ['base', 'ui'] },
  // The panel's Preact components.
  { name: 'widget', files: ['src/widget/'], may: ['base', 'ui', 'markdown'] },
  // The panel chunk's entry and the modules it lends to the chunks.
  { name: 'panel', files: ['src/panel.ts', 'src/panel-env.ts', 'src/shared.ts'], may: ['base', 'ui', 'markdown', 'widget'] },
  // The lazily loaded chunks: each may reuse the panel's small components, never the other chunk.
  { name: 'voice', files: ['src/voice/'], may: ['base', 'ui', 'widget'] },
  { name: 'attach', files: ['src/attach/'], may: ['base', 'ui', 'widget'] },
  // talkdock.js's launcher and mount: no panel, markdown or chunk code.
  { name: 'loader', files: ['src/loader/'], may: ['base'] },
  // The <talkdock-widget> custom element: attributes to options, mounted through the loader.
  { name: 'element', files: ['src/element/'], may: ['base', 'loader'] },
  // The entries: the script tag (boot.ts), the npm package (index.ts), the legacy embed.
  { name: 'entries', files: ['src/boot.ts', 'src/index.ts', 'src/element.ts', 'src/npm-env.ts', 'src/compat/'], may: ['base', 'ui', 'markdown', 'widget', 'panel', 'voice', 'attach', 'loader', 'element'] },
]

/** Packages only some layers may import. */
const PACKAGES: Record<string, string[]> = { 'livekit-client': ['voice'] }

/** file (repository-relative) → what it imports: other files, or package names. */
export type ImportGraph = Record<string, string[]>

/** The layer a file belongs to (its longest matching entry), or undefined. */
function layerOf(file: string, layers: Layer[]): Layer | undefined {
  let best: Layer | undefined
  let len = -1
  for (const l of layers)
    for (const f of l.files)
      if ((f.endsWith('/') ? file.startsWith(f) : file === f) && f.length > len) {
        best = l
        len = f.length
      }
  return best
}

/** One shortest circle through `start` inside `scc`, as a chain that ends where it starts. */
function circleThrough(start: string, graph: ImportGraph, scc: Set<string>): string[] {
  const prev = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const at = queue.shift()!
    for (const to of graph[at] ?? []) {
      if (!scc.has(to)) continue
      if (to === start) {
        const chain = [at]
        while (chain[0] !== start) chain.unshift(prev.get(chain[0])!)
        return [...chain, start]
      }
      if (!prev.has(to)) {
        prev.set(to, at)
        queue.push(to)
      }
    }
  }
  return [start, start]
}

/** Strongly connected components (Tarjan). */
function components(graph: ImportGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    on.add(v)
    for (const w of graph[v] ?? []) {
      if (!(w in graph)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        c.push(w)
      } while (w !== v)
      out.push(c)
    }
  }
  for (const v of Object.keys(graph).sort()) if (!index.has(v)) visit(v)
  return out
}

/** Every breach of the rules in `graph`, one line each (empty when it holds). */
export function checkGraph(graph: ImportGraph, layers: Layer[] = LAYERS, packages: Record<string, string[]> = PACKAGES): string[] {
  const problems: string[] = []
  for (const [file, deps] of Object.entries(graph)) {
    const from = layerOf(file, layers)
    if (!from) {
      problems.push(`${file} is in no layer: add its folder to LAYERS in test/unit/layers.test.ts`)
      continue
    }
    for (const dep of deps) {
      if (!dep.startsWith('src/')) {
        const allowed = packages[dep]
        if (allowed && !allowed.includes(from.name)) problems.push(`${file} (${from.name}) imports ${dep}, which only ${allowed.join(', ')} may import`)
        continue
      }
      const to = layerOf(dep, layers)
      if (!to) problems.push(`${file} imports ${dep}, which is in no layer`)
      else if (to !== from && !from.may.includes(to.name)) problems.push(`${file} (${from.name}) imports ${dep} (${to.name}): ${from.name} may import only ${[from.name, ...from.may].join(', ')}`)
    }
  }
  // Each group of files that import each other: shortest circles until every file is in one.
  for (const c of components(graph)) {
    if (c.length === 1 && !graph[c[0]]?.includes(c[0])) continue
    const scc = new Set(c)
    const shown = new Set<string>()
    for (const file of c.sort()) {
      if (shown.has(file)) continue
      const chain = circleThrough(file, graph, scc)
      chain.forEach((f) => shown.add(f))
      problems.push(`import circle: ${chain.join(' → ')}`)
    }
  }
  return problems
}

const EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '.json', '/index.ts', '/index.tsx']

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = posix.join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

/** The import graph of src/: relative imports resolved to files, packages by name. Throws on an import that resolves to nothing. */
export function readGraph(): ImportGraph {
  const graph: ImportGraph = {}
  for (const file of sourceFiles('src')) {
    const text = readFileSync(join(root, file), 'utf8')
    const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)
    graph[file] = [
      ...new Set(
        found.map((spec) => {
          if (!spec.startsWith('.')) return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
          const base = posix.join(posix.dirname(file), spec)
          const hit = EXTENSIONS.map((e) => base + e).find((p) => {
            try {
              return statSync(join(root, p)).isFile()
            } catch {
              return false
            }
          })
          if (!hit) throw new Error(`${file}: cannot resolve import '${spec}'`)
          return relative(root, join(root, hit)).split('\\').join('/')
        }),
      ),
    ]
  }
  return graph
}

describe('layers', () => {
  it('each layer lists only lower layers in `may`', () => {
    LAYERS.forEach((l, i) => {
      for (const m of l.may) expect(LAYERS.findIndex((x) => x.name === m), `${l.name} may ${m}`).toBeLessThan(i)
    })
  })

  it('the reader sees static, type-only, dynamic and import-type imports', () => {
    const g = readGraph()
    // `import type` (the panel's controller reads its types from the contracts).
    expect(g['src/core/voice.ts']).toContain('src/contracts.ts')
    // `typeof import('./en').EN` in a type.
    expect(g['src/i18n/types.ts']).toContain('src/i18n/en.ts')
    // `import('./panel')` at run time (the npm entry's chunks).
    expect(g['src/npm-env.ts']).toEqual(expect.arrayContaining(['src/panel.ts', 'src/voice/chunk.ts', 'src/attach/chunk.ts']))
    // A plain import, and a package.
    expect(g['src/voice/livekit.ts']).toContain('livekit-client')
    expect(Object.keys(g).length).toBeGreaterThan(60)
  })

  it('src/ imports one way and has no import circles', () => {
    const problems = checkGraph(readGraph())
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('the checker reports a layer breach, a circle, a stray file and a package out of place', () => {
    const fake: ImportGraph = {
      'src/core/a.ts': ['src/widget/B.tsx', 'src/core/c.ts'],
      'src/widget/B.tsx': ['src/core/c.ts', 'preact'],
      'src/core/c.ts': ['src/core/d.ts'],
      'src/core/d.ts': ['src/stores/e.ts'],
      'src/stores/e.ts': ['src/core/c.ts'],
      'src/loader/f.ts': ['livekit-client'],
      'src/elsewhere/g.ts': [],
    }
    expect(checkGraph(fake).sort()).toEqual(
      [
        'src/core/a.ts (base) imports src/widget/B.tsx (widget): base may import only base',
        'import circle: src/core/c.ts → src/core/d.ts → src/stores/e.ts → src/core/c.ts',
        'src/loader/f.ts (loader) imports livekit-client, which only voice may import',
        'src/elsewhere/g.ts is in no layer: add its folder to LAYERS in test/unit/layers.test.ts',
      ].sort(),
    )
    // A file importing itself is a circle too; the same graph without the breaches is clean.
    expect(checkGraph({ 'src/core/x.ts': ['src/core/x.ts'] })).toEqual(['import circle: src/core/x.ts → src/core/x.ts'])
    expect(checkGraph({ 'src/widget/B.tsx': ['src/core/c.ts', 'preact'], 'src/core/c.ts': [], 'src/voice/v.ts': ['livekit-client', 'src/widget/B.tsx'] })).toEqual([])
  })
})
