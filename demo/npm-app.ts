// The npm API demo: bundled on the fly by the dev server from the built package.
import { createWidget } from 'talkdock'

const log = document.getElementById('log')!
const chat = document.getElementById('chat')!
const widget = createWidget({
  container: chat,
  // The dev server requires its DEMO_API_KEY, like the deployed backend requires the shop's key.
  apiKey: chat.dataset.apiKey,
  botName: 'Amara',
  botSubtitle: 'Inline widget via npm',
  greeting: 'Hello from the npm build! Ask me about a Nintendo Switch.',
})
for (const event of ['ready', 'open', 'close', 'message', 'error'] as const) {
  widget.on(event, (payload) => {
    log.textContent += `${event} ${payload ? JSON.stringify(payload).slice(0, 160) : ''}\n`
  })
}
