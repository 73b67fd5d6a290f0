/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { useContext } from 'preact/hooks'
import { errorText } from '../i18n/pick'
import { Services } from './context'
import { IconButton } from './IconButton'

/**
 * "Start voice" (only with `enableVoice`, hidden during a call: the voice bar has
 * "End voice"). Hover or focus starts downloading the voice chunk; nothing loads
 * before that. In the header, away from the composer, so no key press or Enter
 * in the message box can reach it.
 */
export function VoiceButton() {
  const { config, voice, t } = useContext(Services)
  useStore(voice.view)
  if (!config.enableVoice || voice.active()) return null
  return (
    <IconButton icon="mic" label={t.startVoice} onPointerEnter={voice.prefetch} onFocus={voice.prefetch} onClick={() => void voice.start()} />
  )
}

/**
 * Where the voice bar goes, above the composer: the voice chunk's bar (the
 * first-time microphone notice, the call's state and controls) once it loaded,
 * or any voice failure in plain words, "chunk did not load" included. (Without
 * `enableVoice` the view never leaves idle, so nothing shows.)
 */
export function VoiceSlot() {
  const { voice, t } = useContext(Services)
  const v = useStore(voice.view)
  const call = voice.call
  if (v.explaining || voice.active()) return call && <call.Bar v={v} call={call} />
  // A notice like the composer's (the bar's box and styles come with the chunk, which may not have loaded).
  return (
    v.error && (
      <div class="td-notice">
        <span class="td-voice-error" role="alert">
          {errorText(t, v.error, '')}
        </span>{' '}
        <button type="button" class="td-retry" onClick={voice.dismiss}>
          {t.dismiss}
        </button>
      </div>
    )
  )
}
