// The npm API demo: bundled on the fly by the dev server from the built package.
import { createWidget } from 'talkdock'

const log = document.getElementById('log')!
const widget = createWidget({
  container: document.getElementById('chat')!,
  botName: 'Amara',
  botSubtitle: 'Inline widget via npm',
  greeting: 'Hello from the npm build! Ask me about a Nintendo Switch.',
})
for (const event of ['ready', 'open', 'close', 'message', 'error'] as const) {
  widget.on(event, (payload) => {
    log.textContent += `${event} ${payload ? JSON.stringify(payload).slice(0, 160) : ''}\n`
  })
}
