/** The `<talkdock-widget>` attributes that set options: the data-* option names without `data-`. */
import { DEFAULTS } from '../core/config'

export const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

/** Option names an attribute sets (`apiUrl`, which has no default, and `voicePushToTalk` too, as on the script tag), and the attributes. */
export const NAMES = ['apiUrl', ...Object.keys(DEFAULTS), 'voicePushToTalk']
export const ATTRIBUTES = NAMES.map(kebab)

/**
 * Whether a `<talkdock-widget>` on the page is a placeholder: `inline` and no option attribute
 * (nor an option set as a property, `props`)
 * (the markup from before the element was registered), which `TalkDock.init()` and
 * `createWidget()` render into (while no widget uses it), rather than an element that mounts
 * a widget from its own attributes.
 */
export const isPlaceholder = (el: Element, props: object = {}) =>
  el.hasAttribute('inline') && !ATTRIBUTES.some((a) => el.hasAttribute(a)) && !Object.keys(props).length

/** The handle's methods that `window.TalkDock` and the element pass on to their widget. */
export const METHODS = ['open', 'close', 'toggle', 'send', 'identify', 'setContext', 'startVoice', 'stopVoice'] as const

/** What a method returns with no widget to call: the voice ones a resolved promise (they never reject), the rest nothing. */
export const noWidget = (method?: string) => (method && /Voice/.test(method) ? Promise.resolve() : undefined)
