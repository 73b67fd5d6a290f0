import type { Browser } from 'playwright-core'

export interface FileFigures {
  file: string
  bytes: number
  brotli: number
}
export interface SizeMeasurement {
  loader: FileFigures
  chat: { files: FileFigures[]; bytes: number; brotli: number }
  /** Requests to origins other than the page's and the widget's (should be none). */
  otherRequests: string[]
  voice: FileFigures | null
  livekit: { version: string; bytes: number; brotli: number }
  /** Voice chunks requested while opening the panel and chatting. */
  voiceFetched: string[]
  /** livekit-client / @livekit modules inside files loaded to chat ("file: input"). */
  livekitInChat: string[]
  /** src/voice/ modules inside files loaded to chat ("file: input"). */
  voiceSourcesInChat: string[]
  budgets: { loader: number; chat: number; voice: number }
}
export const ROOT: string
export const BUDGETS: { loader: number; chat: number; voiceOverLivekit: number }
export const START: string
export const END: string
export function brotli(buf: Uint8Array): number
export function kib(bytes: number): string
export function livekitBaseline(): Promise<{ version: string; bytes: number; brotli: number }>
export function measureChatLoad(opts?: { browser?: Browser; snapshot?: Map<string, Buffer> }): Promise<{ files: FileFigures[]; others: string[] }>
export function measureSizes(opts?: { browser?: Browser }): Promise<SizeMeasurement>
export function sizesTable(m: SizeMeasurement): string
export const DOC: string
export function docTable(doc?: string): string | null
export function tableDiff(actual: string, expected: string): string[]
export function writeDocTable(table: string, start?: string, end?: string): void
export function snapshotDist(): Map<string, Buffer>
export function snapshotRoute(snapshot: Map<string, Buffer>): (req: unknown, res: unknown, url: URL) => Promise<boolean>
