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
export const MessageItem = memo(function MessageItem({ message, online, busy, retrying }: MessageItemProps) {
  const { conversation, t } = useContext(Services)
  // Replies, restored history and voice transcripts: all untrusted, all through the markdown renderer.
  // The visitor's own text stays plain text; their photo may be a data URL (their own upload).
  const photo = message.role === 'user' && safeImageUrl(message.preview || message.image, { allowData: true })
  const failed = message.status === 'failed' || message.status === 'no_reply'
  return (
    <div class={`td-msg td-${message.role}${failed ? ' td-failed' : ''}`} data-status={message.status}>
      <div class="td-bubble">
        {photo && <img class="td-photo" src={photo} alt={t.photo} />}
        {message.role === 'assistant' ? <Markdown text={message.text} streaming={message.status === 'streaming'} /> : message.text}
        {message.role === 'assistant' && message.cards && <CardList cards={message.cards} />}
      </div>
      <MessageStatus message={message} online={online} busy={busy} retrying={retrying} onRetry={() => conversation.retry(message.id)} />
    </div>
  )
})
