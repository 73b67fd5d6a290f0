/**
 * The public types refuse what they do not know: an event name `on()` never
 * delivers, and an error code no part of TalkDock raises (voice codes included).
 * Each snippet is compiled with the project's compiler options by TypeScript itself,
 * so a regression fails here (and the `@ts-expect-error` lines below fail `tsc`).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TalkDockHandle } from '../../src/api'
import { errorInfo } from '../../src/core/errors'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

/** "declared but never read" and its variants. */
const UNUSED = [6133, 6192, 6196, 6198]

/** Type errors in each snippet (a module in test/unit/ that may import from ../../src/), compiled together in one program. */
function typeErrors(snippets: string[]): string[][] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const files = new Map(snippets.map((body, i) => [join(root, `test/unit/__snippet${i}__.ts`), body]))
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, lang, ...rest) => {
    const body = files.get(name)
    return body === undefined ? getSourceFile(name, lang, ...rest) : ts.createSourceFile(name, body, lang)
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => files.has(name) || fileExists(name)
  const program = ts.createProgram([...files.keys()], options, host)
  return [...files.keys()].map((f) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(f))
      // Not the snippets' unused imports (each snippet uses only some of the prelude).
      .filter((d) => !UNUSED.includes(d.code))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  )
}

const PRELUDE = `
import type { ErrorCode, TalkDockHandle, VoiceStateEvent } from '../../src/api'
import { errorInfo } from '../../src/core/errors'
declare const handle: TalkDockHandle
`

const OK = `
handle.on('ready', (p) => p.version)
handle.on('error', (e) => e.code)
handle.on('voicestate', (s) => s.state)
const codes: ErrorCode[] = ['network', 'load_failed', 'voice_mic_denied', 'voice_room_deleted', 'voice_send_failed']
errorInfo('voice_agent_timeout')
const s: VoiceStateEvent = { state: 'error', code: 'mic_denied' }
export { codes, s }
`

const BAD: Array<[string, string, RegExp]> = [
  ['an unknown event name', `handle.on('typo', () => {})`, /typo/],
  ['a misspelt voice code', `errorInfo('voice_mic_denid')`, /voice_mic_denid/],
  ['a voice code nobody raises', `const c: ErrorCode = 'voice_whatever'; export { c }`, /voice_whatever/],
  ['a misspelt chat code', `errorInfo('netwrok')`, /netwrok/],
  ['a voicestate code that is not a voice code', `const s: VoiceStateEvent = { state: 'error', code: 'mic_denid' }; export { s }`, /mic_denid/],
]

describe('event names and error codes are checked by the compiler', () => {
  let errors: string[][]
  beforeAll(() => {
    errors = typeErrors([OK, ...BAD.map(([, line]) => line)].map((body) => PRELUDE + body))
  }, 60_000)

  it('known events, chat codes and voice codes compile', () => {
    expect(errors[0]).toEqual([])
  })

  it.each(BAD.map((b, i) => [...b, i + 1] as const))('%s does not compile', (_, __, message, i) => {
    expect(errors[i]).toHaveLength(1)
    expect(errors[i][0]).toMatch(message)
  })
})

/** Never called: `tsc --noEmit` checks these lines (an unused @ts-expect-error is an error). */
export function compileTimeChecks(handle: TalkDockHandle): void {
  handle.on('message', (m) => m.text)
  // @ts-expect-error no such event
  handle.on('typo', () => {})
  errorInfo('voice_mic_denied')
  // @ts-expect-error a misspelt voice code
  errorInfo('voice_mic_denid')
}
