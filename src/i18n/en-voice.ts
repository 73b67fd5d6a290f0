/**
 * English strings only the voice chunk shows (dist/talkdock-voice.js carries
 * them; the panel does not): the voice bar's buttons, the first-time microphone
 * notice, and the call states after `requesting-mic` (`v_<state>`, shown in the
 * bar and announced by the panel's live region). The chunk adds them to the
 * panel's table where the locale or the `strings` option left them out (`fill`
 * in ./en.ts). Locale tables translate them under the same keys.
 */
export const VOICE_EN = {
  endVoice: 'End voice',
  mute: 'Mute microphone',
  holdToTalk: 'Hold to talk',
  enableAudio: 'Tap to enable audio',
  micWhy: 'To talk with {name}, your browser will ask to use your microphone. You can end the call or keep typing at any time.',
  continue: 'Continue',
  notNow: 'Not now',
  v_connecting: 'Connecting…',
  'v_waiting-for-agent': 'Waiting for {name}…',
  v_listening: 'Listening…',
  v_thinking: 'Thinking…',
  v_speaking: '{name} is speaking…',
  v_reconnecting: 'Reconnecting…',
  v_ended: 'Voice call ended.',
}
