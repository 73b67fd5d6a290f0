import { useContext } from 'preact/hooks'
import type { ChatMessage } from '../core/types'
import { errorText } from '../i18n/pick'
import { Services } from './context'

interface Props {
  message: ChatMessage
  online: boolean
  busy: boolean
  retrying: boolean
  onRetry: () => void
}

/** The line under a bubble: sending, waiting, stopped, or the error with Retry. */
export function MessageStatus({ message, online, busy, retrying, onRetry }: Props) {
  const { t } = useContext(Services)
  const s = message.status
  if (s === 'failed' || s === 'no_reply') {
    return (
      <div class="td-status td-error" role="alert">
        <span>{errorText(t, message.error, t.notSent)}</span>
        <button type="button" class="td-retry" onClick={onRetry} disabled={busy}>
          {t.retry}
        </button>
      </div>
    )
  }
  if (s === 'cut') return <div class="td-status td-error">{errorText(t, message.error, t.cut)}</div>
  if (s === 'stopped') return <div class="td-status">{t.stopped}</div>
  if (s === 'queued') {
    return (
      <div class="td-status">
        <span>{online ? t.waiting : t.waitingNet}</span>
        {!online && (
          <button type="button" class="td-retry" onClick={onRetry} disabled={busy}>
            {t.retry}
          </button>
        )}
      </div>
    )
  }
  if (s === 'sending') {
    return <div class="td-status">{retrying ? t.retrying : t.sending}</div>
  }
  return null
}
