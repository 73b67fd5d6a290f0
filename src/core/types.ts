import type { TalkDockErrorInfo } from './errors'

/**
 * A product shown as a card under an assistant reply: structured `"cards": [...]`
 * in a reply, or a listing found in its markdown (src/markdown/cards.ts).
 */
export interface Card {
  /** Product name (plain text). */
  title: string
  /** Product page URL (must pass `safeLinkUrl` to be linked). */
  url: string
  /** Product image URL (must pass `safeImageUrl` to be shown). */
  imageUrl?: string
  /** Price as written, e.g. `S$399`. */
  price?: string
  /** Short extra text, e.g. `Noise cancelling`. */
  subtitle?: string
}

/**
 * Where a message stands.
 * - user: `queued` (waiting its turn or for the network), `sending`, `sent`,
 *   `failed` (shows Retry), `no_reply` (page closed before a reply; shows Retry)
 * - assistant: `streaming`, `done`, `stopped` (user pressed Stop), `cut` (stream broke)
 */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'no_reply' | 'streaming' | 'done' | 'stopped' | 'cut'

/** One entry of the conversation log (the payload of the `message` event). */
export interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
  status: MessageStatus
  /** Epoch milliseconds when it was created. */
  at: number
  /** The idempotency key (`idempotencyKey` in the body) of the request that carries (or carried) this user message. */
  key?: string
  /** Why it failed, for `failed`, `no_reply` and `cut`. */
  error?: TalkDockErrorInfo
  /** Structured product cards from the reply. */
  cards?: Card[]
  /** Quick replies offered with the reply. */
  suggestions?: string[]
  /** A user message's photo as sent in the request's `image`: the uploaded URL, or a data URL. */
  image?: string
  /** A small data-URL thumbnail of the user's own photo, shown in the bubble. */
  preview?: string
  /** `voice` when it came from a voice transcript. */
  via?: 'text' | 'voice'
  /** The tab (page instance) that sends this user message; only that tab sends it. */
  tab?: string
}

/** One turn of the `history` field sent to the agent. */
export interface HistoryTurn {
  role: 'user' | 'assistant'
  content: string
}

/** What a successful agent reply carries (see README, "Agent endpoint"); `cards` and `suggestions` only when non-empty. */
export interface AgentReply {
  text: string
  cards?: Card[]
  suggestions?: string[]
}
