/** @jsxRuntime classic */ /** @jsx h */ /** @jsxFrag Fragment */
/**
 * The voice bar, in the voice chunk (it renders on the panel's renderer, lent by
 * build.mjs's shared modules; no context: the panel's VoiceSlot passes the view
 * and the chunk's call, which carries the controller and the strings). Errors
 * are shown by the slot itself, so a chunk that failed to load is still explained.
 */
import { Fragment, h } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { VoiceBarProps } from '../contracts'
import { fmt } from '../i18n/en'

/** The bar's styles, added when the chunk loads (before it, a failure shows as a `.td-notice`: src/widget/VoiceButton.tsx). */
export const VOICE_BAR_CSS = `
.td-voice{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 12px;border-top:1px solid var(--td-border);font-size:13px}
.td-voice-state{flex:1;min-width:120px}
.td-voice .td-retry[aria-pressed=true]{background:#111827;color:#fff}
.td-voice-end{color:#b91c1c!important}
`

/**
 * The voice call's bar above the composer: the first-time microphone notice,
 * the call state, mute (or hold-to-talk), "Tap to enable audio" and "End voice".
 * Every button is type="button" and none sits in the composer's form.
 */
export function VoiceBar({ v, call }: VoiceBarProps) {
  const { voice, t } = call
  const { config } = voice
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
      if (!k.repeat) call.press()
    }
    const up = (e: Event) => {
      if ((e as KeyboardEvent).key === ' ' && !typing(e)) call.release()
    }
    panel.addEventListener('keydown', down)
    panel.addEventListener('keyup', up)
    return () => (panel.removeEventListener('keydown', down), panel.removeEventListener('keyup', up))
  }, [ptt, active])

  const name = { name: config.botName }
  const label = (t as Record<string, string | undefined>)[`v_${v.state}`]
  return (
    <div class="td-voice" ref={ref}>
      {v.explaining ? (
        <>
          <span class="td-voice-state">{fmt(t.micWhy, name)}</span>
          <button type="button" class="td-retry" onClick={() => void call.confirm()}>
            {t.continue}
          </button>
          <button type="button" class="td-retry" onClick={voice.dismiss}>
            {t.notNow}
          </button>
        </>
      ) : (
        <>
          <span class="td-voice-state" data-state={v.state}>
            {label ? fmt(label, name) : ''}
          </span>
          {v.audioBlocked && (
            <button type="button" class="td-retry" onClick={call.startAudio}>
              {t.enableAudio}
            </button>
          )}
          {ptt ? (
            <button
              type="button"
              class="td-retry"
              aria-pressed={!v.muted}
              onPointerDown={call.press}
              onPointerUp={call.release}
              onPointerLeave={call.release}
              onKeyDown={(e) => e.key === ' ' && !e.repeat && call.press()}
              onKeyUp={(e) => e.key === ' ' && call.release()}
            >
              {t.holdToTalk}
            </button>
          ) : (
            <button type="button" class="td-retry" aria-pressed={!!v.muted} onClick={() => call.setMuted(!v.muted)}>
              {t.mute}
            </button>
          )}
          <button type="button" class="td-retry td-voice-end" onClick={() => void voice.stop()}>
            {t.endVoice}
          </button>
        </>
      )}
    </div>
  )
}
