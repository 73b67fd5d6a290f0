// The floor for "script loaded → launcher exists": a bare Preact app that renders
// a launcher button (the same markup as TalkDock's) into the page. Built by
// bench/run.mjs with the same esbuild options as dist/talkdock.js and served from
// the same origin, so the two are measured the same way in the same run.
import { render } from 'preact'

function Launcher() {
  return (
    <button type="button" class="td-launcher" aria-label="Open chat" aria-haspopup="dialog" aria-expanded="false">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
      </svg>
    </button>
  )
}

const host = document.createElement('div')
document.body.appendChild(host)
render(<Launcher />, host)
