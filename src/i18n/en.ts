/**
 * The English UI strings: the default locale, bundled with the panel. Other
 * locales are separate chunks (see ./pick.ts) and may leave keys out; a missing
 * key falls back to English. `{name}`, `{n}` and `{max}` are filled in by `fmt`.
 *
 * Strings only the lazily loaded voice and attach chunks show are in ./en-voice.ts
 * and ./en-attach.ts, which those chunks carry: they read the panel's table over
 * them (`{ ...VOICE_EN, ...t }`), so a locale's or the `strings` option's values still win.
 *
 * Error messages are not here: English ones come with the error itself
 * (src/core/errors.ts). Other locales translate them under `e_<code>`.
 */
export const EN = {
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
  over: '{n} / {max} characters. Shorten your message to send it.',
  /** Live-region announcement of a completed reply. */
  said: '{name}: {text}',
  /** Quick replies under a reply (accessible name of the group). */
  suggestions: 'Quick replies',
  /**
   * Photo attachments, the part the panel shows before the attach chunk arrives: the
   * paperclip button, the photo in the visitor's bubble, the text sent with a photo
   * alone, and the refusal when the chunk could not load. The rest: ./en-attach.ts.
   */
  attach: 'Attach a photo',
  photo: 'Your photo',
  /** Sent as the message when the visitor sends a photo without typing anything. */
  photoMessage: 'Photo attached.',
  photoDecode: 'This photo could not be opened. Try a JPEG or PNG.',
  /**
   * Voice, the part the panel shows before the voice chunk arrives: the button and
   * the failure's Dismiss. The bar, the microphone notice and the call states: ./en-voice.ts.
   */
  startVoice: 'Start voice',
  dismiss: 'Dismiss',
}

/** Fills `{name}`-style placeholders. */
export function fmt(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m))
}

