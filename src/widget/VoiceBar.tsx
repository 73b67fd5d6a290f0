import { useStore } from './use-store'
import { useContext, useEffect, useRef } from 'preact/hooks'
import { fmt } from '../i18n/en'
import { errorText } from '../i18n/pick'
import { Services } from './context'

/** Voice styles, added with the panel's when voice is enabled. */
export const VOICE_CSS = `
.td-voice{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 12px;border-top:1px solid #e5e7eb;font-size:13px}
.td-voice-state{flex:1;min-width:120px}
.td-voice .td-retry{color:inherit}
.td-voice .td-retry[aria-pressed=true]{background:#111827;color:#fff}
.td-voice-end{color:#b91c1c!important}
.td-voice-error{color:#b91c1c}
.td-voice[hidden]{display:none}
`

/**
 * The voice call's bar above the composer: the first-time microphone notice,
 * the call state, mute (or hold-to-talk), "Tap to enable audio", "End voice",
 * and any voice failure in plain words. Every button is type="button" and none
 * sits in the composer's form.
 */
export function VoiceBar() {
  const { config, voice, t } = useContext(Services)
  const v = useStore(voice.view)
  const ref = useRef<HTMLDivElement>(null)
  const active = voice.active()
  const ptt = !!config.voice.pushToTalk

  // Push-to-talk: Space held anywhere in the panel except where it types or presses.
  useEffect(() => {
    const panel = ref.current?.closest('.td-panel')
    if (!panel || !ptt || !active) return
    const typing = (e: Event) => (e.target as Element).closest?.('textarea,input,button,select,[contenteditable]')
    const down = (e: Event) => {
      const k = e as KeyboardEvent
      if (k.key !== ' ' || typing(e)) return
      k.preventDefault()
      if (!k.repeat) voice.press()
    }
    const up = (e: Event) => {
      if ((e as KeyboardEvent).key === ' ' && !typing(e)) voice.release()
    }
    panel.addEventListener('keydown', down)
    panel.addEventListener('keyup', up)
    return () => (panel.removeEventListener('keydown', down), panel.removeEventListener('keyup', up))
  }, [ptt, active])

  if (!config.enableVoice) return null
  const name = { name: config.botName }
  let body
  if (v.explaining) {
    body = (
      <>
        <span class="td-voice-state">{fmt(t.micWhy, name)}</span>
        <button type="button" class="td-retry" onClick={() => void voice.confirm()}>
          {t.continue}
        </button>
        <button type="button" class="td-retry" onClick={voice.dismiss}>
          {t.notNow}
        </button>
      </>
    )
  } else if (active) {
    const label = (t as Record<string, string | undefined>)[`v_${v.state}`]
    body = (
      <>
        <span class="td-voice-state" data-state={v.state}>
          {label ? fmt(label, name) : ''}
        </span>
        {v.audioBlocked && (
          <button type="button" class="td-retry" onClick={voice.startAudio}>
            {t.enableAudio}
          </button>
        )}
        {ptt ? (
          <button
            type="button"
            class="td-retry"
            aria-pressed={!v.muted}
            onPointerDown={voice.press}
            onPointerUp={voice.release}
            onPointerLeave={voice.release}
            onKeyDown={(e) => e.key === ' ' && !e.repeat && voice.press()}
            onKeyUp={(e) => e.key === ' ' && voice.release()}
          >
            {t.holdToTalk}
          </button>
        ) : (
          <button type="button" class="td-retry" aria-pressed={v.muted} onClick={() => voice.setMuted(!v.muted)}>
            {t.mute}
          </button>
        )}
        <button type="button" class="td-retry td-voice-end" onClick={() => void voice.stop()}>
          {t.endVoice}
        </button>
      </>
    )
  } else if (v.error) {
    body = (
      <>
        <span class="td-voice-state td-voice-error" role="alert">
          {errorText(t, v.error, v.error.message)}
        </span>
        <button type="button" class="td-retry" onClick={voice.dismiss}>
          {t.dismiss}
        </button>
      </>
    )
  }
  return (
    <div class="td-voice" ref={ref} hidden={!body}>
      {body}
    </div>
  )
}
