// Builds dist/ with esbuild.
//
//   dist/talkdock.js         the script-tag loader (classic script; boots the launcher)
//   dist/talkdock-panel.js   the chat panel chunk (classic script, loaded on first open)
//   dist/talkdock-voice.js   the voice chunk with livekit-client (classic script, loaded on first voice start)
//   dist/talkdock-attach.js  photo attachments (classic script, loaded when the visitor first attaches)
//   dist/talkdock-sound.js   the chime's sound (classic script, loaded when the visitor turns Sound on)
//   dist/talkdock-element.js what a <talkdock-widget> element does (classic script, loaded with the first such element)
//   dist/npm/                the npm package (ESM, code-split, dependencies external, .d.ts)
//
// Chunks are classic scripts, not ES modules: the widget's files are served by a
// static host without CORS headers on another origin, where import() would fail.
// Each chunk is wrapped in a factory that it hands to the loader, which calls it:
//   self.__talkdockLoaded&&self.__talkdockLoaded("voice",function(__td_shared){ ...bundle...; return{...exports} })
// The voice and attach chunks hold Preact components that must run on the panel's
// Preact (one `options`, one hooks state), so they do not bundle their own: their
// imports of the modules in src/shared-modules.json read `__td_shared`, the `shared`
// object the panel chunk exports (src/shared.ts). The other chunks take no argument.
//
// Usage: node build.mjs [--watch]
import { build, context } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

const root = dirname(fileURLToPath(import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const dist = join(root, 'dist')
const watch = process.argv.includes('--watch')
const skipTypes = process.argv.includes('--no-types')

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: 'es2020',
  // Every .tsx in src/ says `/** @jsx h */` on its first line (classic JSX: `h` from
  // preact); this is only the default for a file that does not.
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { __VERSION__: JSON.stringify(pkg.version), __OWN_LIVEKIT__: 'false', 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
}

/**
 * A plugin that rewrites a target's output file after a successful build:
 * `edit(js, file)` returns the new text (or a promise of it).
 */
function rewriteOutput(name, edit) {
  return {
    name,
    setup(b) {
      b.onEnd(async (result) => {
        const file = b.initialOptions.outfile
        if (result.errors.length || !existsSync(file)) return
        const js = readFileSync(file, 'utf8')
        const out = await edit(js, file)
        if (out !== js) writeFileSync(file, out)
      })
    },
  }
}

/**
 * esbuild's `__export` helper (in a chunk that uses a module namespace as a value)
 * walks its exports with for-in, which also sees enumerable junk a host page put on
 * Object.prototype (and throws on a non-function value). Chunks skip inherited keys.
 */
const ownExportsOnly = rewriteOutput('own-exports-only', (js) =>
  js.replace(
    /for\(var (\w+) in (\w+)\)(\w+)\((\w+),\1,\{get:\2\[\1\],enumerable:!0\}\)/,
    'for(var $1 in $2)Object.prototype.hasOwnProperty.call($2,$1)&&$3($4,$1,{get:$2[$1],enumerable:!0})',
  ),
)

/**
 * A second minifier pass over the small files every visitor may load (loader,
 * panel, attach and locale chunks, compat): terser's compressor on top of
 * esbuild's output saves about 3% brotli (measured on the panel: 22,598 →
 * 21,888 B), which esbuild's single-pass minifier leaves. ASCII-only output,
 * like esbuild's: a host page in a legacy encoding must not misread the UI's
 * strings. The voice chunk (livekit-client) is left to esbuild alone.
 */
function terserPassWith(compress) {
  return rewriteOutput('terser-pass', async (js) => {
    const out = await minify(js, {
      ecma: 2020,
      compress,
      mangle: true,
      format: { ascii_only: true, comments: false },
    })
    return out.code
  })
}
/** The loader and compat scripts: two passes (a third makes talkdock.js larger). */
const terserPass = terserPassWith({ passes: 2 })
/**
 * Chunks: a third pass, and anonymous function expressions that use neither `this`
 * nor `arguments` become arrows (none of them is called with `new`: Preact's class
 * and constructor functions are declarations or use `this`): panel 20,998 → 20,958 B.
 */
const chunkTerserPass = terserPassWith({ passes: 3, unsafe_arrows: true })

/** The modules the panel lends to the voice and attach chunks, and the names of each. */
const SHARED = JSON.parse(readFileSync(join(root, 'src/shared-modules.json'), 'utf8'))
/** Imports a chunk may not bundle a copy of: the shared modules, or a build error. */
const SHARED_FILTER = /^(preact|preact\/hooks|preact\/jsx-runtime|nanostores|@nanostores\/preact)$/

/**
 * For the voice and attach chunks: `preact`, `preact/hooks`, `preact/jsx-runtime`,
 * `nanostores` and `@nanostores/preact` resolve to virtual modules reading the panel's
 * copy from `__td_shared` (the chunk factory's argument), with exactly the names in
 * src/shared-modules.json: importing another name, or a module not listed, fails the build.
 */
const sharedModules = {
  name: 'shared-modules',
  setup(b) {
    b.onResolve({ filter: SHARED_FILTER }, (args) => {
      const id = args.path
      if (!SHARED[id]) return { errors: [{ text: `${id} is not shared with chunks: add the names to src/shared-modules.json and src/shared.ts` }] }
      return { path: id, namespace: 'td-shared' }
    })
    b.onLoad({ filter: /.*/, namespace: 'td-shared' }, (args) => ({
      contents: `export const { ${SHARED[args.path].join(', ')} } = __td_shared[${JSON.stringify(args.path)}]`,
      loader: 'js',
    }))
  },
}

/**
 * Chunks are bundled as ES modules, then their closing `export{a as b}` becomes the
 * factory's `return{b:a}`: a plain object of the exports, without the module-object
 * helpers (`__export`, `__toCommonJS`) an IIFE with a globalName carries (~0.4 KB each).
 */
const exportsToReturn = rewriteOutput('exports-to-return', (js, file) => {
  // The export clause esbuild puts last, just before the footer.
  const found = /\bexport\s*\{([^}]*)\};?\s*(?=\}\);\s*$)/.exec(js)
  if (!found) throw new Error(`${file}: no closing export statement to turn into the factory's return`)
  // Module-only syntax would not parse in the classic script the chunk becomes.
  if (/\bimport\.meta\b/.test(js)) throw new Error(`${file}: import.meta cannot run in a classic-script chunk`)
  const props = found[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [local, as = local] = s.split(/\s+as\s+/)
      return `${as}:${local}`
    })
  return js.slice(0, found.index) + `return{${props.join(',')}}` + js.slice(found.index + found[0].length)
})

/** A lazily loaded classic-script chunk that hands its factory to the loader. */
function chunk(name, entry, { shared = false, terser = true } = {}) {
  return {
    ...common,
    plugins: [...(shared ? [sharedModules] : []), exportsToReturn, ownExportsOnly, ...(terser ? [chunkTerserPass] : [])],
    entryPoints: [join(root, entry)],
    outfile: join(dist, `talkdock-${name}.js`),
    format: 'esm',
    define: { ...common.define, __OWN_LIVEKIT__: 'true' },
    // Strict like the module it was: the function body is a classic script's.
    banner: { js: `self.__talkdockLoaded&&self.__talkdockLoaded(${JSON.stringify(name)},function(${shared ? '__td_shared' : ''}){"use strict";` },
    footer: { js: '});' },
  }
}

export const targets = [
  { ...common, plugins: [terserPass], entryPoints: [join(root, 'src/boot.ts')], outfile: join(dist, 'talkdock.js'), format: 'iife' },
  chunk('panel', 'src/panel.ts'),
  chunk('voice', 'src/voice/chunk.ts', { shared: true, terser: false }),
  // Photo attachments (validation, canvas downscale, upload): loaded when the visitor first attaches.
  chunk('attach', 'src/attach/chunk.ts', { shared: true }),
  // What a <talkdock-widget> on the page does (the class talkdock.js registers forwards to it): loaded with the first such element.
  chunk('element', 'src/element/controller.ts'),
  // The chime's sound: loaded on the first chime (the visitor's Sound setting).
  chunk('sound', 'src/loader/sound.ts'),
  // One chunk per non-English locale (English is in the panel chunk).
  ...['zh', 'ms', 'ta', 'ar'].map((l) => chunk(`locale-${l}`, `src/i18n/${l}.ts`)),
  // Drop-in replacement for the old TradeZoneChatEnhanced embed (loads chunks like talkdock.js);
  // ignoreAnnotations: its side-effect imports must survive package.json's sideEffects: false.
  { ...common, plugins: [terserPass], ignoreAnnotations: true, entryPoints: [join(root, 'src/compat/tradezone.ts')], outfile: join(dist, 'tradezone-compat.js'), format: 'iife' },
  {
    ...common,
    // Readable output for apps' own bundlers, minus dead branches (`if (__OWN_LIVEKIT__)`).
    minify: false,
    minifySyntax: true,
    // index.js (createWidget) and element.js (talkdock/element: <talkdock-widget>).
    entryPoints: [join(root, 'src/index.ts'), join(root, 'src/element.ts')],
    outdir: join(dist, 'npm'),
    format: 'esm',
    splitting: true,
    platform: 'neutral',
    external: Object.keys(pkg.dependencies || {}).flatMap((d) => [d, `${d}/*`]),
  },
]

function emitTypes() {
  if (skipTypes) return
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  )
}

if (watch) {
  for (const t of targets) {
    const ctx = await context(t)
    await ctx.watch()
  }
  console.log('esbuild: watching src/ for changes')
} else {
  rmSync(dist, { recursive: true, force: true })
  mkdirSync(dist, { recursive: true })
  const metas = await Promise.all(targets.map((t) => build(t)))
  writeFileSync(join(dist, 'meta.json'), JSON.stringify(metas.map((m) => m.metafile)))
  emitTypes()
  console.log(`built dist/ (talkdock ${pkg.version})`)
}
