import { useStore } from '@nanostores/preact'
import { useContext, useLayoutEffect, useRef } from 'preact/hooks'
import { Services } from './context'
import { MessageItem } from './MessageItem'
import { StarterPrompts } from './StarterPrompts'
import { Suggestions } from './Suggestions'
import { Markdown } from '../markdown/Markdown'
import { fmt } from '../i18n/en'

/** The conversation log. Keeps the newest message in view unless the visitor scrolled up. */
export function MessageList() {
  const { config, conversation, t } = useContext(Services)
  const { messages, inFlight, online } = useStore(conversation.state)
  const ref = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  const last = messages[messages.length - 1]
  const typing = !!inFlight && !inFlight.waiting && last?.role === 'user'

  useLayoutEffect(() => {
    const el = ref.current
    if (el && pinned.current) el.scrollTop = el.scrollHeight
  }, [messages.length, last?.text, typing])

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
      {!messages.length && <StarterPrompts />}
      {messages.map((m) => (
        <MessageItem
          key={m.id}
          message={m}
          online={online}
          busy={!!inFlight}
          retrying={!!inFlight && inFlight.ids.includes(m.id) && (inFlight.waiting || inFlight.attempt > 1)}
        />
      ))}
      {last?.role === 'assistant' && last.suggestions && !inFlight && <Suggestions items={last.suggestions} />}
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
