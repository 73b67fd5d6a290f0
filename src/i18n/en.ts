/**
 * The English UI strings: the default locale, bundled with the panel. Other
 * locales are separate chunks (see ./pick.ts) and may leave keys out; a missing
 * key falls back to English. `{name}`, `{n}` and `{max}` are filled in by `fmt`.
 *
 * Error messages are not here: English ones come with the error itself
 * (src/core/errors.ts). Other locales translate them under `e_<code>`.
 */
export const EN = {
  /** Launcher button (also in the loader, which cannot wait for this table). */
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newChat: 'New conversation',
  /** Toggle (aria-pressed): a chime when a reply arrives while the chat is hidden. */
  sound: 'Sound',
  /** Default bot name when `botName` is not set. */
  assistant: 'Assistant',
  /** Default composer placeholder when `placeholder` is not set. */
  placeholder: 'Type a message…',
  /** Accessible name of the composer textbox. */
  message: 'Message',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  /** Accessible name of the conversation log. */
  log: 'Conversation',
  typing: '{name} is typing',
  starters: 'Suggested questions',
  /** Above a long restored conversation: renders the older messages. */
  earlier: 'Show earlier messages',
  notSent: 'Not sent.',
  cut: 'The reply was cut off.',
  stopped: 'Stopped',
  waiting: 'Waiting to send…',
  waitingNet: 'Waiting for connection…',
  retrying: 'Connection problem, retrying…',
  sending: 'Sending…',
  offline: 'You are offline. Messages will be sent when you are back online.',
  tooLong: 'Your message is {n} characters; the limit is {max}. Shorten it to send.',
  over: '{n} / {max} characters. Shorten your message to send it.',
  /** Live-region announcement of a completed reply. */
  said: '{name}: {text}',
  /** Quick replies under a reply (accessible name of the group). */
  suggestions: 'Quick replies',
  /** Photo attachments: the paperclip button, the thumbnail's alt text, Remove. */
  attach: 'Attach a photo',
  photo: 'Your photo',
  removePhoto: 'Remove photo',
  /** Sent as the message when the visitor sends a photo without typing anything. */
  photoMessage: 'Photo attached.',
  preparing: 'Preparing photo…',
  uploading: 'Uploading photo… {n}%',
  photoType: 'Only photos can be attached (JPEG, PNG, WebP, GIF or HEIC).',
  photoSize: 'This photo is {n} MB; the largest you can send is {max} MB.',
  photoDecode: 'This photo could not be opened. Try a JPEG or PNG.',
  photoUpload: 'The photo could not be uploaded. Try again.',
  /** Voice: the buttons, the first-time microphone notice and each call state (`v_<state>`). */
  startVoice: 'Start voice',
  endVoice: 'End voice',
  mute: 'Mute microphone',
  holdToTalk: 'Hold to talk',
  enableAudio: 'Tap to enable audio',
  micWhy: 'To talk with {name}, your browser will ask to use your microphone. You can end the call or keep typing at any time.',
  continue: 'Continue',
  notNow: 'Not now',
  dismiss: 'Dismiss',
  'v_requesting-mic': 'Waiting for the microphone…',
  v_connecting: 'Connecting…',
  'v_waiting-for-agent': 'Waiting for {name}…',
  v_listening: 'Listening…',
  v_thinking: 'Thinking…',
  v_speaking: '{name} is speaking…',
  v_reconnecting: 'Reconnecting…',
  v_ended: 'Voice call ended.',
}

/** Every UI string key. */
export type StringKey = keyof typeof EN

/**
 * A locale table or per-string overrides: any subset of the English keys, plus
 * `e_<code>` error messages (e.g. `e_network`) and `dir: "rtl"` for
 * right-to-left scripts.
 */
export type Strings = { [K in StringKey]?: string } & { [key: `e_${string}`]: string | undefined; dir?: 'rtl' | 'ltr' }

/** Fills `{name}`-style placeholders. */
export function fmt(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m))
}
