import { useContext } from 'preact/hooks'
import { Services } from './context'

/** The `starterPrompts` as buttons in an empty conversation; a click sends one. */
export function StarterPrompts() {
  const { config, conversation, t } = useContext(Services)
  if (!config.starterPrompts.length) return null
  return (
    <div class="td-starters" role="group" aria-label={t.starters}>
      {config.starterPrompts.map((p) => (
        <button type="button" class="td-chip" key={p} onClick={() => conversation.submit(p)}>
          {p}
        </button>
      ))}
    </div>
  )
}
