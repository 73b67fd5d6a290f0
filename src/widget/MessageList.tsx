import { useStore } from '@nanostores/preact'
import { useContext, useLayoutEffect, useRef } from 'preact/hooks'
import { Services } from './context'
import { MessageItem } from './MessageItem'

/** The conversation log. Keeps the newest message in view unless the visitor scrolled up. */
export function MessageList() {
  const { config, conversation } = useContext(Services)
  const { messages, inFlight } = useStore(conversation.state)
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
    <div class="td-log" role="log" aria-label="Conversation" ref={ref} onScroll={onScroll} tabIndex={0}>
      {config.greeting && !messages.length && (
        <div class="td-msg td-assistant">
          <div class="td-bubble">{config.greeting}</div>
        </div>
      )}
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
      {typing && (
        <div class="td-msg td-assistant td-typing">
          <div class="td-bubble" aria-label={`${config.botName} is typing`}>
            <span class="td-dot" />
            <span class="td-dot" />
            <span class="td-dot" />
          </div>
        </div>
      )}
    </div>
  )
}
