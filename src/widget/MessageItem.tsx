import { memo } from './memo'
import { useContext } from 'preact/hooks'
import type { ChatMessage } from '../core/types'
import { Services } from './context'
import { MessageStatus } from './MessageStatus'
import { Markdown } from '../markdown/Markdown'
import { CardList } from '../markdown/CardList'
import { safeImageUrl } from '../markdown/url'

export interface MessageItemProps {
  message: ChatMessage
  /** Whether the browser is online (for messages waiting to be sent). */
  online: boolean
  /** Whether a request is in flight (Retry waits for it). */
  busy: boolean
  /** Whether this message's request is being retried automatically. */
  retrying: boolean
}

/** One bubble. Memoised: a streaming reply re-renders only its own bubble. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message } = props
  const { t } = useContext(Services)
  const bot = message.role === 'assistant'
  // Replies, restored history and voice transcripts: all untrusted, all through the markdown renderer.
  // The visitor's own text stays plain text; their photo may be a data URL (their own upload).
  const photo = !bot && safeImageUrl(message.preview || message.image, { allowData: true })
  return (
    <div class={`td-msg td-${message.role}`} data-status={message.status}>
      <div class="td-bubble">
        {photo && <img class="td-photo" src={photo} alt={t.photo} />}
        {bot ? <Markdown text={message.text} streaming={message.status === 'streaming'} /> : message.text}
        {bot && message.cards && <CardList cards={message.cards} />}
      </div>
      <MessageStatus {...props} />
    </div>
  )
})
