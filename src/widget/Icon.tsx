/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'

/** 24x24 stroked paths (relative commands and joined arc flags keep them short). */
const PATHS = {
  mic: 'M12 3a3 3 0 00-3 3v6a3 3 0 006 0V6a3 3 0 00-3-3zM5 11a7 7 0 0014 0m-7 7v3',
  sound: 'M4 9h4l5-4v14l-5-4H4zm12 0a4 4 0 010 6',
  close: 'M6 6l12 12m0-12L6 18',
  new: 'M12 5v14m-7-7h14',
  send: 'M4 12l16-8-6 16-2-6z',
  stop: 'M7 7h10v10H7z',
  attach: 'M20 11l-8 8a5 5 0 01-7-7l8-8a3 3 0 014 4l-8 8a1 1 0 01-1-1l7-7',
}

/** The icons' names. */
export type IconName = keyof typeof PATHS

/** A small stroked icon; decorative (the button carries the name). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" class="td-icon">
      <path d={PATHS[name]} />
    </svg>
  )
}
