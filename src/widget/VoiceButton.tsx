/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from './use-store'
import { useContext } from 'preact/hooks'
import { errorText } from '../i18n/pick'
import { Services } from './context'
import { IconButton } from './IconButton'

/**
 * The voice style the panel adds when voice is enabled: the bar's box, which a
 * failure shows in before the chunk came (its text is red through the panel's
 * `.td-error`). The bar's other styles come with the voice chunk (VOICE_BAR_CSS).
 */
export const VOICE_CSS = `.td-voice{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 12px;border-top:1px solid var(--td-border);font-size:13px}`

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
  return (
    v.error && (
      <div class="td-voice">
        <span class="td-voice-state td-voice-error td-error" role="alert">
          {errorText(t, v.error, '')}
        </span>
        <button type="button" class="td-retry" onClick={voice.dismiss}>
          {t.dismiss}
        </button>
      </div>
    )
  )
}
