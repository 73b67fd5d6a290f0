import { useStore } from './use-store'
import { useContext } from 'preact/hooks'
import { Services } from './context'

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
    <button
      type="button"
      class="td-icon-btn"
      aria-label={t.startVoice}
      title={t.startVoice}
      onPointerEnter={voice.prefetch}
      onFocus={voice.prefetch}
      onClick={() => void voice.start()}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="td-icon">
        <path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3" />
      </svg>
    </button>
  )
}
