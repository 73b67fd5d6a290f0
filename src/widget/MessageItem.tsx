import { memo } from './memo'
import { useContext } from 'preact/hooks'
import type { ChatMessage } from '../core/types'
import { Services } from './context'
import { MessageStatus } from './MessageStatus'

/** One bubble. Memoised: a streaming reply re-renders only its own bubble. */
export const MessageItem = memo(function MessageItem({ message }: { message: ChatMessage }) {
  const { conversation } = useContext(Services)
  const failed = message.status === 'failed' || message.status === 'no_reply'
  return (
    <div class={`td-msg td-${message.role}${failed ? ' td-failed' : ''}`} data-status={message.status}>
      <div class="td-bubble">{message.text}</div>
      <MessageStatus message={message} onRetry={() => conversation.retry(message.id)} />
    </div>
  )
})
