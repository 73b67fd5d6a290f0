import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Icon } from './Icon'
import { SoundToggle } from './SoundToggle'
import { VoiceButton } from './VoiceButton'

/** Bot name and subtitle, voice, "Sound", "New conversation" and "Close chat". */
export function Header() {
  const { config, conversation, requestClose, t } = useContext(Services)
  return (
    <div class="td-header">
      <div class="td-title">
        <span class="td-name">{config.botName}</span>
        {config.botSubtitle && <span class="td-sub">{config.botSubtitle}</span>}
      </div>
      <VoiceButton />
      <SoundToggle />
      <button type="button" class="td-icon-btn" aria-label={t.newChat} title={t.newChat} onClick={() => conversation.reset()}>
        <Icon name="new" />
      </button>
      <button type="button" class="td-icon-btn" aria-label={t.closeChat} title={t.closeChat} onClick={requestClose}>
        <Icon name="close" />
      </button>
    </div>
  )
}
