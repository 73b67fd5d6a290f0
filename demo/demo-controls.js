// QA controls on the demo page (not part of the widget).
document.querySelectorAll('[data-mode]').forEach((b) =>
  b.addEventListener('click', async () => {
    const stream = document.getElementById('stream').checked
    const mode = b.dataset.mode
    await fetch("/__dev/mode", { method: 'POST', body: JSON.stringify({ mode, times: mode === 'normal' ? 0 : 1, stream }) })
    document.getElementById('mode-status').textContent = `Next request: ${mode}${stream ? ' (streaming)' : ''}`
  }),
)
document.getElementById('stream').addEventListener('change', (e) =>
  fetch('/__dev/mode', { method: 'POST', body: JSON.stringify({ mode: 'normal', stream: e.target.checked }) }),
)
document.getElementById('api-open').addEventListener('click', () => window.TalkDock.open())
document.getElementById('api-send').addEventListener('click', () => window.TalkDock.send('Do you have the PS5?'))
document.querySelectorAll('[data-voice-mode]').forEach((b) =>
  b.addEventListener('click', async () => {
    await fetch('/__dev/voice', { method: 'POST', body: JSON.stringify({ mode: b.dataset.voiceMode }) })
    document.getElementById('mode-status').textContent = `Voice: ${b.dataset.voiceMode}`
  }),
)
document.getElementById('api-voice-start').addEventListener('click', () => window.TalkDock.startVoice())
document.getElementById('api-voice-stop').addEventListener('click', () => window.TalkDock.stopVoice())
