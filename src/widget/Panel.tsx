import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Header } from './Header'
import { MessageList } from './MessageList'
import { StatusLine } from './StatusLine'
import { Composer } from './Composer'
import { LiveRegion } from './LiveRegion'
import { VoiceSlot } from './VoiceButton'

/** The chat dialog: header, conversation log, connection status and composer. */
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
