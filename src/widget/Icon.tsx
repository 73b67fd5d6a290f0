const PATHS = {
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3',
  sound: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6',
  close: 'M6 6l12 12M18 6L6 18',
  new: 'M12 5v14M5 12h14',
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
