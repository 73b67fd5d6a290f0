/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { useContext, useRef } from 'preact/hooks'
import { composerKeyAction } from '../core/keys'
import { fmt } from '../i18n/en'
import { Services } from './context'
import { IconButton } from './IconButton'
import { AttachButton, AttachPreview, type Photo } from './AttachButton'

/**
 * The message box. Enter and the Send button share one path; a held Enter and
 * Enter during IME composition never send; the text is cleared only once the
 * conversation accepted it, so nothing typed is ever lost.
 */
export function Composer({ photo }: { photo: Photo }) {
  const { config, conversation, t, voice } = useContext(Services)
  const draft = useStore(conversation.draft)
  // A request on its way (not waiting for a retry) shows Stop. Only `inFlight` re-renders the
  // composer: a streamed delta (a new state, the same inFlight) does not.
  const { inFlight } = useStore(conversation.state, { keys: ['inFlight'] })
  const ref = useRef<HTMLTextAreaElement>(null)
  const ready = photo.state?.ready
  const max = config.maxMessageLength
  const tooLong = draft.trim().length > max

  const submit = () => {
    // The draft store, not the render's `draft`: it is cleared synchronously once sent, so a
    // second click or Enter in the same frame finds nothing to send.
    const typed = conversation.draft.get()
    // A photo waits for its upload; a photo alone goes with a short text (the agent needs one).
    if (photo.busy || (!typed.trim() && !ready)) return
    const text = typed.trim() ? typed : t.photoMessage
    // Over the limit: not sent, not cleared; the notice under the box already gives the count.
    if (text.trim().length > max) return
    // During a voice call, typed text goes to the agent over the room (never POSTed); a photo still goes by chat
    // (submit takes its image and preview). The limit was checked above: submit refuses nothing else, but a
    // refused text would stay in the box all the same.
    if ((!ready && voice.sendText(text)) || !conversation.submit(text, ready)) {
      conversation.draft.set('')
      if (ready) photo.clear()
      ref.current?.focus()
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const action = composerKeyAction(e)
    if (action === 'send' || action === 'swallow') e.preventDefault()
    if (action === 'send') submit()
  }

  // Over the limit, the notice says by how much (the only text the conversation would refuse).
  const note = tooLong && fmt(t.over, { n: draft.trim().length.toLocaleString(), max: max.toLocaleString() })
  return (
    <form class="td-composer" onSubmit={(e) => (e.preventDefault(), submit())}>
      <AttachPreview photo={photo} />
      {note && (
        <div class="td-notice" role="alert" id="td-composer-notice">
          {note}
        </div>
      )}
      <div class="td-row">
        <textarea
          ref={ref}
          class="td-input"
          rows={1}
          aria-label={t.message}
          aria-invalid={tooLong}
          aria-describedby={note ? 'td-composer-notice' : undefined}
          placeholder={config.placeholder}
          value={draft}
          onInput={(e) => conversation.draft.set(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const file = e.clipboardData?.files[0]
            if (file) (e.preventDefault(), photo.add(file))
          }}
        />
        <AttachButton photo={photo} />
        {inFlight && !inFlight.waiting && <IconButton icon="stop" label={t.stop} onClick={() => conversation.stop()} />}
        <IconButton icon="send" label={t.send} type="submit" disabled={(!draft.trim() && !ready) || tooLong || photo.busy} />
      </div>
    </form>
  )
}
