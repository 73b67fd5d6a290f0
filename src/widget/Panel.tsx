/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Header } from './Header'
import { MessageList } from './MessageList'
import { StatusLine } from './StatusLine'
import { Composer } from './Composer'
import { LiveRegion } from './LiveRegion'
import { VoiceSlot } from './VoiceButton'

/**
 * The chat dialog: header, conversation log, connection status and composer.
 *
 * The panel's components compile JSX to Preact's `h` (the pragma on each file's
 * first line), not the automatic runtime: `h` takes children as arguments, so each
 * element is a shorter call (panel chunk -65 B brotli). Icon.tsx, VoiceButton.tsx,
 * AttachButton.tsx and the chunks keep the runtime, which the panel lends them
 * (src/shared.ts); a chunk cannot import `h`.
 */
export function Panel() {
  const { config, requestClose, voice } = useContext(Services)
  const onKeyDown = (e: KeyboardEvent) => {
    // During a voice call no key ends it (closing would): End voice or the close button does.
    if (e.key === 'Escape' && !e.defaultPrevented && !voice.active()) {
      e.stopPropagation()
      requestClose()
    }
  }
  return (
    <div class="td-panel" role="dialog" aria-label={config.botName} onKeyDown={onKeyDown}>
      <Header />
      <MessageList />
      <StatusLine />
      <VoiceSlot />
      <Composer />
      <LiveRegion />
    </div>
  )
}
