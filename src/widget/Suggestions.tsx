import { useContext } from 'preact/hooks'
import { Services } from './context'

/** A reply's `suggestions` as quick-reply buttons; tapping one sends it like a typed message. */
export function Suggestions({ items }: { items: string[] }) {
  const { conversation, t } = useContext(Services)
  return (
    <div class="td-starters td-suggest" role="group" aria-label={t.suggestions}>
      {(Array.isArray(items) ? items : []).filter((s) => typeof s === 'string').map((s) => (
        <button type="button" class="td-chip" key={s} onClick={() => conversation.submit(s)}>
          {s}
        </button>
      ))}
    </div>
  )
}
