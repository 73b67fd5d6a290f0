import { useContext } from 'preact/hooks'
import { errorText } from '../i18n/pick'
import { Services } from './context'
import type { MessageItemProps } from './MessageItem'

/** The line under a bubble: sending, waiting, stopped, or the error with Retry. */
export function MessageStatus({ message, online, busy, retrying }: MessageItemProps) {
  const { conversation, t } = useContext(Services)
  const s = message.status
  const failed = s === 'failed' || s === 'no_reply'
  const text =
    failed || s === 'cut'
      ? errorText(t, message.error, failed ? t.notSent : t.cut)
      : s === 'stopped'
        ? t.stopped
        : s === 'queued'
          ? online
            ? t.waiting
            : t.waitingNet
          : s === 'sending'
            ? retrying
              ? t.retrying
              : t.sending
            : null
  if (text == null) return null
  return (
    <div class={failed || s === 'cut' ? 'td-status td-error' : 'td-status'} role={failed ? 'alert' : undefined}>
      {text}
      {(failed || (s === 'queued' && !online)) && (
        <button type="button" class="td-retry" onClick={() => conversation.retry(message.id)} disabled={busy}>
          {t.retry}
        </button>
      )}
    </div>
  )
}
