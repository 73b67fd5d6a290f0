/** @jsxRuntime classic */ /** @jsx h */
import { h, type ButtonHTMLAttributes } from 'preact'
import { Icon, type IconName } from './Icon'

/**
 * A square button showing one icon, with classes `td-icon-btn td-<icon>`: `label`
 * is its accessible name and its tooltip. Other props (onClick, aria-pressed,
 * disabled, type) go to the `<button>`.
 */
export function IconButton({ icon, label, ...props }: { icon: IconName; label: string } & ButtonHTMLAttributes) {
  return (
    <button type="button" class={`td-icon-btn td-${icon}`} aria-label={label} title={label} {...props}>
      <Icon name={icon} />
    </button>
  )
}
