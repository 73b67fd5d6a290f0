const PATHS = {
  close: 'M6 6l12 12M18 6L6 18',
  new: 'M12 5v14M5 12h14',
  send: 'M4 12l16-8-6 16-2-6z',
  stop: 'M7 7h10v10H7z',
}

/** A small stroked icon; decorative (the button carries the name). */
export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="td-icon">
      <path d={PATHS[name]} />
    </svg>
  )
}
