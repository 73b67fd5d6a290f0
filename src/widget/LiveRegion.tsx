/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useStore } from './use-store'
import { useContext } from 'preact/hooks'
import { Services } from './context'

/**
 * The panel's polite live region, visually hidden: screen readers hear each
 * completed reply once (not every streamed token) and voice state changes.
 */
export function LiveRegion() {
  const text = useStore(useContext(Services).live)
  return (
    <div class="td-sr" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  )
}
