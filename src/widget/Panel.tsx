/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Header } from './Header'
import { MessageList } from './MessageList'
import { StatusLine } from './StatusLine'
import { Composer } from './Composer'
import { VoiceSlot } from './VoiceButton'
import { usePhoto } from './AttachButton'

/**
 * The chat dialog: header, conversation log, connection status and composer.
 *
 * Every .tsx file in src/ compiles JSX to Preact's `h` (the pragma on its first
 * line), not the automatic runtime: `h` takes children as arguments, so each
 * element is a shorter call, and the panel chunk carries no preact/jsx-runtime
 * (smaller output). The voice and attach chunks get `h` lent (src/shared.ts);
 * test/unit/shared-modules.test.ts checks no chunk bundles the runtime.
 */
export function Panel() {
  const { config, requestClose, voice } = useContext(Services)
  const photo = usePhoto()
  const onKeyDown = (e: KeyboardEvent) => {
    // During a voice call no key ends it (closing would): End voice or the close button does.
    if (e.key === 'Escape' && !e.defaultPrevented && !voice.active()) {
      e.stopPropagation()
      requestClose()
    }
  }
  return (
    <div class="td-panel" role="dialog" aria-label={config.botName} onKeyDown={onKeyDown} onDragOver={photo.drop} onDrop={photo.drop}>
      <Header />
      <MessageList />
      <StatusLine />
      <VoiceSlot />
      <Composer photo={photo} />
      {/* The polite live region, visually hidden: screen readers hear each completed reply once (not every
          streamed token) and voice state changes. Childless: panel.ts's `announce` writes its text. */}
      <div class="td-sr" aria-live="polite" aria-atomic="true" />
    </div>
  )
}
