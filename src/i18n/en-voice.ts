/**
 * English strings only the voice chunk shows (dist/talkdock-voice.js carries
 * them; the panel does not): the voice bar's buttons, the first-time microphone
 * notice, and the call states (`v_<state>`, shown in the bar and announced
 * through the panel's live region by the chunk). The chunk reads the panel's
 * table (locale and `strings` option over English) over these; locale tables
 * translate them under the same keys.
 */
export const VOICE_EN = {
  endVoice: 'End voice',
  mute: 'Mute microphone',
  holdToTalk: 'Hold to talk',
  enableAudio: 'Tap to enable audio',
  micWhy: 'To talk with {name}, your browser will ask to use your microphone. You can end the call or keep typing at any time.',
  continue: 'Continue',
  notNow: 'Not now',
  'v_requesting-mic': 'Waiting for the microphone…',
  v_connecting: 'Connecting…',
  'v_waiting-for-agent': 'Waiting for {name}…',
  v_listening: 'Listening…',
  v_thinking: 'Thinking…',
  v_speaking: '{name} is speaking…',
  v_reconnecting: 'Reconnecting…',
  v_ended: 'Voice call ended.',
}
