import { useStore } from '@nanostores/preact'
import { useContext } from 'preact/hooks'
import type { ChatMessage } from '../core/types'
import { Services } from './context'

/** The line under a bubble: sending, waiting, stopped, or the error with Retry. */
export function MessageStatus({ message, onRetry }: { message: ChatMessage; onRetry: () => void }) {
  const { conversation } = useContext(Services)
  const { online, inFlight } = useStore(conversation.state)
  const s = message.status
  if (s === 'failed' || s === 'no_reply') {
    return (
      <div class="td-status td-error" role="alert">
        <span>{message.error?.message ?? 'Not sent.'}</span>
        <button type="button" class="td-retry" onClick={onRetry} disabled={!!inFlight}>
          Retry
        </button>
      </div>
    )
  }
  if (s === 'cut') return <div class="td-status td-error">{message.error?.message ?? 'The reply was cut off.'}</div>
  if (s === 'stopped') return <div class="td-status">Stopped</div>
  if (s === 'queued') {
    return (
      <div class="td-status">
        <span>{online ? 'Waiting to send…' : 'Waiting for connection…'}</span>
        {!online && (
          <button type="button" class="td-retry" onClick={onRetry} disabled={!!inFlight}>
            Retry
          </button>
        )}
      </div>
    )
  }
  if (s === 'sending') {
    const retrying = inFlight?.ids.includes(message.id) && (inFlight.waiting || inFlight.attempt > 1)
    return <div class="td-status">{retrying ? 'Connection problem, retrying…' : 'Sending…'}</div>
  }
  return null
}
