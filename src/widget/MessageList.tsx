/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { Services } from './context'
import { MessageItem } from './MessageItem'
import { Chips } from './Chips'
import { Markdown } from '../markdown/Markdown'
import { fmt } from '../i18n/en'
import type { ChatMessage } from '../core/types'

/**
 * Messages rendered at first: the newest, a few screens' worth. Fewer bubbles make
 * the first paint of a restored conversation faster (`npm run bench`, restore 200).
 */
export const FIRST = 20
/** "Show earlier messages" adds this many more each time. */
export const PAGE = 50

/** Whether a message's status line depends on `busy`/`online` (Retry, waiting). */
const waits = (m: ChatMessage) => m.status === 'failed' || m.status === 'no_reply' || m.status === 'queued'

/**
 * The conversation log. Keeps the newest message in view unless the visitor scrolled up.
 * A long restored conversation renders only its newest FIRST messages; older ones
 * come back, a PAGE at a time, with "Show earlier messages" (the view stays put).
 */
export function MessageList() {
  const { config, conversation, t } = useContext(Services)
  const { messages, inFlight, online } = useStore(conversation.state)
  const ref = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  // Index of the first rendered message; never above the last FIRST, so new messages always show.
  const newest = Math.max(0, messages.length - FIRST)
  const [start, setStart] = useState(newest)
  const from = Math.min(start, newest)
  const shown = from ? messages.slice(from) : messages
  // Set by "Show earlier messages": how far the log's end was below the top of the view.
  const below = useRef<number | null>(null)
  const last = messages[messages.length - 1]
  const typing = !!inFlight && !inFlight.waiting && last?.role === 'user'

  // After each render: right after "Show earlier messages", the view stays put (older
  // messages only come in above it, so its distance from the end is kept); otherwise,
  // unless the visitor scrolled up, the newest message is in view.
  useLayoutEffect(() => {
    const el = ref.current!
    if (below.current != null) {
      el.scrollTop = el.scrollHeight - below.current
      below.current = null
      // The button is gone once everything is shown: focus stays in the log.
      if (!from) el.focus({ preventScroll: true })
    } else if (pinned.current) el.scrollTop = el.scrollHeight
  })

  const showEarlier = () => {
    const el = ref.current!
    below.current = el.scrollHeight - el.scrollTop
    setStart(Math.max(0, from - PAGE))
  }

  const onScroll = () => {
    const el = ref.current
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
  }

  return (
    <div class="td-log" role="log" aria-live="off" aria-label={t.log} ref={ref} onScroll={onScroll} tabIndex={0}>
      {config.greeting && !messages.length && (
        <div class="td-msg td-assistant">
          <div class="td-bubble">
            <Markdown text={config.greeting} />
          </div>
        </div>
      )}
      {!messages.length && <Chips items={config.starterPrompts} label={t.starters} />}
      {from > 0 && (
        <button type="button" class="td-chip td-earlier" onClick={showEarlier}>
          {t.earlier}
        </button>
      )}
      {shown.map((m) => {
        // Only a message that can show Retry or "waiting" re-renders when a request starts or ends.
        const w = waits(m)
        return (
          <MessageItem
            key={m.id}
            message={m}
            online={w && online}
            busy={w && !!inFlight}
            retrying={!!inFlight && m.status === 'sending' && m.key === inFlight.key && (inFlight.waiting || inFlight.attempt > 1)}
          />
        )
      })}
      {last?.role === 'assistant' && !inFlight && <Chips items={last.suggestions} label={t.suggestions} />}
      {typing && (
        <div class="td-msg td-assistant td-typing">
          <div class="td-bubble">
            <span class="td-sr">{fmt(t.typing, { name: config.botName })}</span>
            <span class="td-dot" />
            <span class="td-dot" />
            <span class="td-dot" />
          </div>
        </div>
      )}
    </div>
  )
}
