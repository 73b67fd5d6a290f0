import { useContext } from 'preact/hooks'
import { Services } from './context'
import { Header } from './Header'
import { MessageList } from './MessageList'
import { StatusLine } from './StatusLine'
import { Composer } from './Composer'

/** The chat dialog: header, conversation log, connection status and composer. */
export function Panel() {
  const { config, requestClose } = useContext(Services)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.stopPropagation()
      requestClose()
    }
  }
  return (
    <div class="td-panel" role="dialog" aria-label={config.botName} onKeyDown={onKeyDown}>
      <Header />
      <MessageList />
      <StatusLine />
      <Composer />
    </div>
  )
}
