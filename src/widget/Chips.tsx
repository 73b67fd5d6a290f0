/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useContext } from 'preact/hooks'
import { Services } from './context'

/**
 * Quick replies as a labelled group of buttons (the `starterPrompts` of an empty
 * conversation, a reply's `suggestions`); tapping one sends it like a typed
 * message. Anything but strings is skipped; with none, nothing renders.
 */
export function Chips({ items, label }: { items: unknown; label: string }) {
  const { conversation } = useContext(Services)
  const texts = Array.isArray(items) ? items.filter((s): s is string => typeof s === 'string') : []
  return texts.length ? (
    <div class="td-starters" role="group" aria-label={label}>
      {texts.map((s) => (
        <button type="button" class="td-chip" key={s} onClick={() => conversation.submit(s)}>
          {s}
        </button>
      ))}
    </div>
  ) : null
}
