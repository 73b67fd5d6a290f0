import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Icon } from './Icon'

/** Bot name and subtitle, "New conversation" and "Close chat". */
export function Header() {
  const { config, conversation, requestClose } = useContext(Services)
  return (
    <div class="td-header">
      <div class="td-title">
        <span class="td-name">{config.botName}</span>
        {config.botSubtitle && <span class="td-sub">{config.botSubtitle}</span>}
      </div>
      <button type="button" class="td-icon-btn" aria-label="New conversation" title="New conversation" onClick={() => conversation.reset()}>
        <Icon name="new" />
      </button>
      <button type="button" class="td-icon-btn" aria-label="Close chat" title="Close chat" onClick={requestClose}>
        <Icon name="close" />
      </button>
    </div>
  )
}
