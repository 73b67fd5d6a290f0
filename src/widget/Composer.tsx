import { useStore } from '@nanostores/preact'
import { useContext, useRef, useState } from 'preact/hooks'
import { composerKeyAction } from '../core/keys'
import { Services } from './context'
import { Icon } from './Icon'

/**
 * The message box. Enter and the Send button share one path; a held Enter and
 * Enter during IME composition never send; the text is cleared only once the
 * conversation accepted it, so nothing typed is ever lost.
 */
export function Composer() {
  const { config, conversation } = useContext(Services)
  const draft = useStore(conversation.draft)
  const { inFlight } = useStore(conversation.state)
  const ref = useRef<HTMLTextAreaElement>(null)
  const [notice, setNotice] = useState('')
  const max = config.maxMessageLength
  const tooLong = draft.length > max

  const submit = () => {
    const el = ref.current
    const text = el ? el.value : draft
    if (!text.trim()) return
    if (text.trim().length > max) {
      setNotice(`Your message is ${text.trim().length.toLocaleString()} characters; the limit is ${max.toLocaleString()}. Shorten it to send.`)
      return
    }
    const refused = conversation.submit(text)
    if (refused) {
      setNotice(refused.message)
      return
    }
    // Clear synchronously so a second click or Enter in the same frame finds nothing to send.
    if (el) el.value = ''
    conversation.draft.set('')
    setNotice('')
    el?.focus()
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const action = composerKeyAction(e)
    if (action === 'send' || action === 'swallow') e.preventDefault()
    if (action === 'send') submit()
  }

  const onInput = (e: Event) => {
    conversation.draft.set((e.currentTarget as HTMLTextAreaElement).value)
    if (notice) setNotice('')
  }

  const over = tooLong ? `${draft.length.toLocaleString()} / ${max.toLocaleString()} characters. Shorten your message to send it.` : ''
  return (
    <form class="td-composer" onSubmit={(e) => (e.preventDefault(), submit())}>
      {(notice || over) && (
        <div class="td-notice" role="alert" id="td-composer-notice">
          {notice || over}
        </div>
      )}
      <div class="td-row">
        <textarea
          ref={ref}
          class="td-input"
          rows={1}
          aria-label="Message"
          aria-invalid={tooLong}
          aria-describedby={notice || over ? 'td-composer-notice' : undefined}
          placeholder={config.placeholder}
          value={draft}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
        {inFlight && !inFlight.waiting ? (
          <button type="button" class="td-icon-btn td-stop" aria-label="Stop" title="Stop" onClick={() => conversation.stop()}>
            <Icon name="stop" />
          </button>
        ) : null}
        <button type="submit" class="td-icon-btn td-send" aria-label="Send" title="Send" disabled={!draft.trim() || tooLong}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  )
}
