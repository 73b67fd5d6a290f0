/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { useContext } from 'preact/hooks'
import { Services } from './context'

/** Connection status for the whole conversation (offline, retrying). */
export function StatusLine() {
  const { conversation, t } = useContext(Services)
  // Re-rendered only when `online` changes, not once per streamed delta.
  if (useStore(conversation.state, { keys: ['online'] }).online) return null
  return (
    <div class="td-connection" role="status">
      {t.offline}
    </div>
  )
}
