/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { memo } from '../ui/memo'
import { useContext } from 'preact/hooks'
import type { ChatMessage } from '../core/types'
import { errorText } from '../i18n/pick'
import { Services } from './context'
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

/**
 * One bubble and the line under it (sending, waiting, stopped, or the error with
 * Retry). Memoised: a streaming reply re-renders only its own bubble.
 */
export const MessageItem = memo(function MessageItem({ message, online, busy, retrying }: MessageItemProps) {
  const { conversation, t } = useContext(Services)
  const s = message.status
  const bot = message.role === 'assistant'
  const failed = s === 'failed' || s === 'no_reply'
  const error = failed || s === 'cut'
  const status = error
    ? errorText(t, message.error, failed ? t.notSent : t.cut)
    : { stopped: t.stopped, queued: online ? t.waiting : t.waitingNet, sending: retrying ? t.retrying : t.sending }[s as 'stopped']
  // Replies, restored history and voice transcripts: all untrusted, all through the markdown renderer.
  // The visitor's own text stays plain text; their photo may be a data URL (their own upload).
  const photo = !bot && safeImageUrl(message.preview || message.image, { allowData: true })
  return (
    <div class={`td-msg td-${message.role}`} data-status={s}>
      <div class="td-bubble">
        {photo && <img class="td-photo" src={photo} alt={t.photo} />}
        {bot ? <Markdown text={message.text} streaming={s === 'streaming'} /> : message.text}
        {bot && message.cards && <CardList cards={message.cards} />}
      </div>
      {status != null && (
        <div class={error ? 'td-status td-error' : 'td-status'} role={failed ? 'alert' : undefined}>
          {status}
          {((failed && message.error?.code !== 'rejected') || (s === 'queued' && !online)) && (
            <button type="button" class="td-retry" onClick={() => conversation.retry(message.id)} disabled={busy}>
              {t.retry}
            </button>
          )}
        </div>
      )}
    </div>
  )
})
