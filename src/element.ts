/**
 * The npm entry for the element: `import { defineTalkDockElement } from 'talkdock/element'`.
 *
 *   defineTalkDockElement()   // once, in the browser (does nothing under SSR)
 *   <talkdock-widget api-url="https://api.example" bot-name="Amara"></talkdock-widget>
 *
 * Importing is side-effect free: nothing is registered until the call. The script tag
 * (talkdock.js) registers the same element; whichever comes first wins.
 */
import { control } from './element/controller'
import { defineElement } from './element/define'
import { npmEnv } from './npm-env'
import { mountWidget } from './loader/mount'
import type { TalkDockWidgetElement } from './element/types'

export type * from './element/types'
export type * from './api'

/**
 * Registers `<talkdock-widget>` (once; later calls, and calls where there is no browser or no
 * custom elements, do nothing). Elements already on the page mount at once. An element without
 * `api-url` talks to the page's origin.
 */
export function defineTalkDockElement(): void {
  if (typeof window === 'undefined' || !window.customElements) return
  defineElement(window, window.location.origin, (config, events, el, draft) => mountWidget(config, npmEnv(window, config.storage), events, __VERSION__, el, draft), { control })
}

declare global {
  interface HTMLElementTagNameMap {
    'talkdock-widget': TalkDockWidgetElement
  }
}
