import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Icon } from './Icon'
import { VoiceButton } from './VoiceButton'

/** Bot name and subtitle, "New conversation" and "Close chat". */
export function Header() {
  const { config, conversation, requestClose, t } = useContext(Services)
  return (
    <div class="td-header">
      <div class="td-title">
        <span class="td-name">{config.botName}</span>
        {config.botSubtitle && <span class="td-sub">{config.botSubtitle}</span>}
      </div>
      <VoiceButton />
      <button type="button" class="td-icon-btn" aria-label={t.newChat} title={t.newChat} onClick={() => conversation.reset()}>
        <Icon name="new" />
      </button>
      <button type="button" class="td-icon-btn" aria-label={t.closeChat} title={t.closeChat} onClick={requestClose}>
        <Icon name="close" />
      </button>
    </div>
  )
}
