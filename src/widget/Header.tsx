/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useContext } from 'preact/hooks'
import { Services } from './context'
import { IconButton } from './IconButton'
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
      <IconButton icon="new" label={t.newChat} onClick={() => conversation.reset()} />
      <IconButton icon="close" label={t.closeChat} onClick={requestClose} />
    </div>
  )
}
