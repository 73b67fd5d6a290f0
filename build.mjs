// Builds dist/ with esbuild.
//
//   dist/talkdock.js         the script-tag loader (classic script; boots the launcher)
//   dist/talkdock-panel.js   the chat panel chunk (classic script, loaded on first open)
//   dist/talkdock-voice.js   the voice chunk with livekit-client (classic script, loaded on first voice start)
//   dist/talkdock-attach.js  photo attachments (classic script, loaded when the visitor first attaches)
//   dist/npm/                the npm package (ESM, code-split, dependencies external, .d.ts)
//
// Chunks are classic scripts, not ES modules: the widget's files are served by a
// static host without CORS headers on another origin, where import() would fail.
// Each chunk is wrapped so it hands its exports to the loader:
//   (function(){ ...bundle...; self.__talkdockLoaded("panel", exports) })()
//
// Usage: node build.mjs [--watch]
import { build, context } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { __VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
}

/**
 * esbuild's `__export` helper walks a chunk's exports with for-in, which also sees
 * enumerable junk a host page put on Object.prototype (and throws on a non-function
 * value). Chunks skip inherited keys.
 */
const ownExportsOnly = {
  name: 'own-exports-only',
  setup(b) {
    b.onEnd((result) => {
      const file = b.initialOptions.outfile
      if (result.errors.length || !existsSync(file)) return
      const js = readFileSync(file, 'utf8')
      const fixed = js.replace(
        /for\(var (\w+) in (\w+)\)(\w+)\((\w+),\1,\{get:\2\[\1\],enumerable:!0\}\)/,
        'for(var $1 in $2)Object.prototype.hasOwnProperty.call($2,$1)&&$3($4,$1,{get:$2[$1],enumerable:!0})',
      )
      if (fixed !== js) writeFileSync(file, fixed)
    })
  },
}

/** A lazily loaded classic-script chunk that registers itself with the loader. */
function chunk(name, entry) {
  return {
    ...common,
    plugins: [ownExportsOnly],
    entryPoints: [join(root, entry)],
    outfile: join(dist, `talkdock-${name}.js`),
    format: 'iife',
    globalName: '__td_chunk',
    banner: { js: '(function(){' },
    footer: { js: `self.__talkdockLoaded&&self.__talkdockLoaded(${JSON.stringify(name)},__td_chunk)})();` },
  }
}

export const targets = [
  { ...common, entryPoints: [join(root, 'src/boot.ts')], outfile: join(dist, 'talkdock.js'), format: 'iife' },
  chunk('panel', 'src/panel.ts'),
  ...(existsSync(join(root, 'src/voice/chunk.ts')) ? [chunk('voice', 'src/voice/chunk.ts')] : []),
  // Photo attachments (validation, canvas downscale, upload): loaded when the visitor first attaches.
  chunk('attach', 'src/attach/chunk.ts'),
  // One chunk per non-English locale (English is in the panel chunk).
  ...['zh', 'ms', 'ta', 'ar'].map((l) => chunk(`locale-${l}`, `src/i18n/${l}.ts`)),
  // Drop-in replacement for the old TradeZoneChatEnhanced embed (loads chunks like talkdock.js);
  // ignoreAnnotations: its side-effect imports must survive package.json's sideEffects: false.
  { ...common, ignoreAnnotations: true, entryPoints: [join(root, 'src/compat/tradezone.ts')], outfile: join(dist, 'tradezone-compat.js'), format: 'iife' },
  {
    ...common,
    minify: false,
    entryPoints: [join(root, 'src/index.ts')],
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
