// Compares two V8 heap snapshots from the same page (e.g. the ones the memory
// bench writes with BENCH_HEAP_SNAPSHOTS=dir) by what they hold:
//
//   node bench/heap-diff.mjs A.heapsnapshot B.heapsnapshot [--top N] [--attribute] [--retainers NAME [--samples N] [--depth N]] [--json]
//
// Prints (1) V8's node types (code, closure, object, array, string, hidden, …) in A
// and B with count and self size, and the split into code (V8's `code` type:
// bytecode, machine code, SharedFunctionInfos, scripts; plus feedback vectors and
// scope infos, listed as `hidden`/`array` by V8) vs everything else; (2) the
// groups (type + constructor or system name; all strings as one group) that grew
// most from A to B; (3) with --retainers NAME, the shortest retainer path from a GC
// root of the largest objects new in B (node ids not in A) whose group name contains
// NAME (a string's own text is shown); (4) with --attribute, the objects new in B:
// code by the script of its function, everything else by the path that holds it
// just below a GC root (e.g. "(Global handles) -N / DevTools console->").
// Self sizes only: retained size is not additive across a diff. Chromium's snapshot
// also holds Blink's (Oilpan) objects, typed `native` (blink::…, MediaStream, DOM
// nodes): those are not in Runtime.getHeapUsage's usedSize, the bench's figure.
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt)
const files = args.filter((a, i) => !a.startsWith('--') && !['--top', '--retainers', '--samples', '--depth'].includes(args[i - 1]))
if (files.length !== 2) {
  console.error('usage: node bench/heap-diff.mjs A.heapsnapshot B.heapsnapshot [--top N] [--attribute] [--retainers NAME [--samples N] [--depth N]] [--json]')
  process.exit(2)
}
const TOP = Number(opt('--top', 30))
const RETAIN = opt('--retainers', '')
const SAMPLES = Number(opt('--samples', 5))
const DEPTH = Number(opt('--depth', 12))
const ATTRIBUTE = args.includes('--attribute')

// Not code in V8's node typing, but compiled-code metadata that grows as functions run.
const CODE_META = /^(system \/ )?(FeedbackVector|FeedbackMetadata|ClosureFeedbackCellArray|FeedbackCell|ScopeInfo|BytecodeArray|BytecodeWrapper|CodeWrapper|InterpreterData|UncompiledData\w*|PreparseData|SharedFunctionInfo|InstructionStream|Code|CoverageInfo|source position table|\(source position table\)|\(constant pool\)|\(code relocation info\)|\(code deopt data\)|\(bytecode handler table\)|\(feedback metadata\)|\(object boilerplate description\)|\(array boilerplate description\)|\(function scope info\)|\(shared function infos\)|\(feedback vector\)|\(closure feedback cell array\))$/

function load(file) {
  const s = JSON.parse(readFileSync(file, 'utf8'))
  const m = s.snapshot.meta
  const nf = m.node_fields.length
  const ef = m.edge_fields.length
  const types = m.node_types[0]
  const etypes = m.edge_types[0]
  const F = Object.fromEntries(m.node_fields.map((f, i) => [f, i]))
  const n = s.nodes.length / nf
  const group = new Array(n)
  const cls = new Array(n)
  for (let i = 0; i < n; i++) {
    const t = types[s.nodes[i * nf + F.type]]
    const name = s.strings[s.nodes[i * nf + F.name]]
    const g =
      t === 'string' || t === 'concatenated string' || t === 'sliced string'
        ? `${t}`
        : t === 'number'
          ? 'number'
          : `${t}: ${name.length > 70 ? `${name.slice(0, 70)}…` : name}`
    group[i] = g
    cls[i] = t === 'code' || CODE_META.test(name) ? 'code' : 'objects'
  }
  return { s, nf, ef, F, types, etypes, n, group, cls, file }
}

const A = load(files[0])
const B = load(files[1])
const id = (S, i) => S.s.nodes[i * S.nf + S.F.id]
const size = (S, i) => S.s.nodes[i * S.nf + S.F.self_size]
const type = (S, i) => S.types[S.s.nodes[i * S.nf + S.F.type]]

function totals(S, key) {
  const out = new Map()
  for (let i = 0; i < S.n; i++) {
    const k = key(i)
    const o = out.get(k) || { count: 0, size: 0 }
    o.count++
    o.size += size(S, i)
    out.set(k, o)
  }
  return out
}
const kib = (b) => (b / 1024).toFixed(1)
const sgn = (b) => `${b >= 0 ? '+' : ''}${kib(b)}`
const sgnN = (c) => `${c >= 0 ? '+' : ''}${c}`

function table(title, a, b, limit = Infinity) {
  const keys = new Set([...a.keys(), ...b.keys()])
  const rows = [...keys].map((k) => {
    const x = a.get(k) || { count: 0, size: 0 }
    const y = b.get(k) || { count: 0, size: 0 }
    return { k, dc: y.count - x.count, ds: y.size - x.size, bs: y.size }
  })
  rows.sort((p, q) => q.ds - p.ds)
  const sum = rows.reduce((t, r) => t + r.ds, 0)
  console.log(`\n${title} (total ${sgn(sum)} KiB)`)
  console.log(`${'Δ KiB'.padStart(9)} ${'Δ count'.padStart(8)} ${'B KiB'.padStart(9)}  group`)
  for (const r of rows.slice(0, limit)) if (r.ds || r.dc) console.log(`${sgn(r.ds).padStart(9)} ${sgnN(r.dc).padStart(8)} ${kib(r.bs).padStart(9)}  ${r.k}`)
  return rows
}

console.log(`A: ${A.file} (${A.n} nodes)\nB: ${B.file} (${B.n} nodes)`)
const byType = table('By V8 node type', totals(A, (i) => type(A, i)), totals(B, (i) => type(B, i)))
const split = table('Code (bytecode, machine code, SharedFunctionInfo, feedback, scope info) vs objects', totals(A, (i) => A.cls[i]), totals(B, (i) => B.cls[i]))
const groups = table(`Top ${TOP} groups by growth`, totals(A, (i) => A.group[i]), totals(B, (i) => B.group[i]), TOP)

// Objects new in B (ids not in A), grouped.
const idsA = new Set()
for (let i = 0; i < A.n; i++) idsA.add(id(A, i))
const fresh = []
for (let i = 0; i < B.n; i++) if (!idsA.has(id(B, i))) fresh.push(i)
const freshSize = fresh.reduce((t, i) => t + size(B, i), 0)
console.log(`\nNew in B (ids not in A): ${fresh.length} nodes, ${kib(freshSize)} KiB self size`)

if (RETAIN || ATTRIBUTE) {
  // Shortest strong path from the root (node 0) over non-weak edges.
  const { s, nf, ef, F } = B
  const E = Object.fromEntries(s.snapshot.meta.edge_fields.map((f, i) => [f, i]))
  const firstEdge = new Uint32Array(B.n + 1)
  for (let i = 0, e = 0; i < B.n; i++) {
    firstEdge[i] = e
    e += s.nodes[i * nf + F.edge_count] * ef
    firstEdge[i + 1] = e
  }
  const dist = new Int32Array(B.n).fill(-1)
  const via = new Int32Array(B.n).fill(-1) // edge index used to reach the node
  const from = new Int32Array(B.n).fill(-1)
  dist[0] = 0
  const queue = [0]
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
      const et = B.etypes[s.edges[e + E.type]]
      if (et === 'weak' || et === 'shortcut') continue
      const to = s.edges[e + E.to_node] / nf
      if (dist[to] >= 0) continue
      dist[to] = dist[i] + 1
      via[to] = e
      from[to] = i
      queue.push(to)
    }
  }
  const edgeName = (e) => {
    const et = B.etypes[s.edges[e + E.type]]
    const v = s.edges[e + E.name_or_index]
    return et === 'element' || et === 'hidden' ? `[${v}]` : `${et === 'context' ? 'ctx:' : ''}${s.strings[v]}`
  }
  if (ATTRIBUTE) {
    // Code: the script of the nearest SharedFunctionInfo (or closure) on the path.
    // Everything else: the edge that holds it just below a synthetic root
    // ("(Global handles)", "(Document DOM trees)", …) plus the next step.
    const edgesOf = (i) => {
      const out = []
      for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) out.push(e)
      return out
    }
    const named = (i, n) => edgesOf(i).find((e) => ['internal', 'property'].includes(B.etypes[s.edges[e + E.type]]) && s.strings[s.edges[e + E.name_or_index]] === n)
    const scriptName = (sfi) => {
      const e = named(sfi, 'script')
      if (e === undefined) return null
      const sc = s.edges[e + E.to_node] / nf
      const ne = named(sc, 'name')
      const nm = ne === undefined ? '' : s.strings[s.nodes[(s.edges[ne + E.to_node] / nf) * nf + F.name]]
      return nm || s.strings[s.nodes[sc * nf + F.name]].replace(/^system \/ Script( \/ )?/, '') || '(no name)'
    }
    const owner = new Map()
    const byRoot = new Map()
    const add = (m, k, i) => {
      const o = m.get(k) || { count: 0, size: 0 }
      o.count++
      o.size += size(B, i)
      m.set(k, o)
    }
    for (const i of fresh) {
      if (B.cls[i] === 'code') {
        let sc = null
        for (let j = i, steps = 0; j > 0 && steps < 40 && sc === null; j = from[j], steps++) {
          if (B.group[j] === 'code: system / SharedFunctionInfo') sc = scriptName(j)
          else if (type(B, j) === 'closure') {
            const se = named(j, 'shared')
            if (se !== undefined) sc = scriptName(s.edges[se + E.to_node] / nf)
          }
          if (from[j] < 0) break
        }
        add(owner, `code of ${sc ?? '(no function on the path)'}`, i)
      } else {
        const path = []
        for (let j = i; j > 0 && from[j] >= 0; j = from[j]) path.push(j)
        if (dist[i] < 0) add(byRoot, '(weakly reachable only)', i)
        else {
          let t = path.length - 1
          while (t > 0 && type(B, path[t]) === 'synthetic') t--
          const top = path[t]
          const next = path[t - 1]
          const k = `${B.group[from[top]]} -${edgeName(via[top])}-> ${B.group[top]}${next !== undefined ? ` -${edgeName(via[next])}-> ${B.group[next]}` : ''}`
          add(byRoot, k.replace(/@\d+/g, '@…').replace(/-\d+ \/ DevTools console->/, '-N / DevTools console->').replace(/\[\d+\]/g, '[…]'), i)
        }
      }
    }
    const print = (title, m) => {
      const rows = [...m].sort((p, q) => q[1].size - p[1].size)
      console.log(`\n${title}`)
      for (const [k, v] of rows.slice(0, TOP)) console.log(`${kib(v.size).padStart(9)} ${String(v.count).padStart(7)}  ${k}`)
    }
    print('New code in B by script (KiB, count)', owner)
    print('New non-code in B by what holds it below a GC root (KiB, count)', byRoot)
  }
  const hits = fresh.filter((i) => B.group[i].includes(RETAIN)).sort((p, q) => size(B, q) - size(B, p))
  const label = (j) => `${B.group[j]}${B.group[j] === type(B, j) ? ` ${JSON.stringify(s.strings[s.nodes[j * nf + F.name]].slice(0, 80))}` : ''} (${size(B, j)} B)`
  if (RETAIN) console.log(`\nRetainers of new "${RETAIN}" objects (${hits.length} new; the ${SAMPLES} largest shown):`)
  if (RETAIN) for (const i of hits.slice(0, SAMPLES)) {
    const path = []
    for (let j = i; j > 0 && from[j] >= 0; j = from[j]) path.push(`${label(j)} <-${edgeName(via[j])}-`)
    console.log(`\n  @${id(B, i)} ${dist[i] < 0 ? '(only weakly reachable)' : ''}\n    ${path.slice(0, DEPTH).join('\n    ')}`)
  }
}

if (args.includes('--json')) console.log(JSON.stringify({ byType, split, groups: groups.slice(0, TOP), fresh: { count: fresh.length, size: freshSize } }))
