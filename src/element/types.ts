/**
 * Types of the `<talkdock-widget>` element: its attributes (kebab-case, the data-* option
 * names), properties (camelCase options, `user`, `context`), events and methods.
 */
import type { TalkDockEvents, TalkDockHandle } from '../api'
import type { TalkDockConfig } from '../core/config'
import type { METHODS } from '../loader/attributes'

/** `botName` → `bot-name`. */
export type KebabCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${KebabCase<T>}` : S
/** `talkdock-message` → `talkdockMessage`. */
export type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S

/** The options an element takes (`container`: the element is where it renders; `nonce`: the attribute). */
export type TalkDockElementOptions = Omit<TalkDockConfig, 'container' | 'nonce'>

/** What an attribute may hold for an option of type V (booleans bare, `"true"`/`"false"`; objects as JSON, or the object where a framework sets it as a property). */
export type TalkDockAttributeValue<V> = [V] extends [boolean | undefined]
  ? boolean | '' | 'true' | 'false'
  : [V] extends [number | undefined]
    ? number | `${number}`
    : [V] extends [string | undefined]
      ? V
      : V | string

/** The element's attributes: `api-url`, `bot-name`, `enable-voice`… (objects as JSON: `strings='{"send":"Go"}'`). */
export type TalkDockAttributes = {
  [K in keyof TalkDockElementOptions as KebabCase<K & string>]?: TalkDockAttributeValue<TalkDockElementOptions[K]>
} & {
  /** Renders in place (at the element's size) instead of floating over the page. */
  inline?: boolean | ''
  /** Push-to-talk voice (as `voice: { pushToTalk: true }`). */
  'voice-push-to-talk'?: boolean | '' | 'true' | 'false'
  nonce?: string
}

/** Who is asking (what `identify()` takes). */
export type TalkDockUser = Parameters<TalkDockHandle['identify']>[0]

/** The element's properties: every option by its camelCase name, plus `user` and `context`. */
export interface TalkDockElementProperties extends TalkDockElementOptions {
  /** Same as `identify(user)`: sent with every request. */
  user?: TalkDockUser
  /** Same as `setContext(context)`: sent with every request from this page. */
  context?: Record<string, unknown>
}

/** The element's DOM events (bubbling, composed): the `on()` events with their payloads as `detail`. */
export type TalkDockElementEventMap = {
  [K in TalkDockEventName as `talkdock-${K}`]: CustomEvent<TalkDockEvents[K]>
}

/** The events of `on()`, each also a `talkdock-<name>` DOM event on the element. */
export type TalkDockEventName = keyof TalkDockEvents

/** The methods an element has (the handle's). */
export type TalkDockElementMethods = Pick<TalkDockHandle, (typeof METHODS)[number]>

/** `document.querySelector('talkdock-widget')`. */
export interface TalkDockWidgetElement extends HTMLElement, TalkDockElementProperties, TalkDockElementMethods {
  addEventListener<K extends keyof TalkDockElementEventMap>(type: K, listener: (this: TalkDockWidgetElement, ev: TalkDockElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: TalkDockWidgetElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void
  removeEventListener<K extends keyof TalkDockElementEventMap>(type: K, listener: (this: TalkDockWidgetElement, ev: TalkDockElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: TalkDockWidgetElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void
}

/** Listener props as React 19 takes them on a custom element: `ontalkdock-message={…}`. */
export type TalkDockReactEvents = {
  [K in keyof TalkDockElementEventMap as `on${K}`]?: (event: TalkDockElementEventMap[K]) => void
}

/** Listener props as Vue takes them: `@talkdock-message` is `onTalkdockMessage`. */
export type TalkDockVueEvents = {
  [K in keyof TalkDockElementEventMap as `on${Capitalize<CamelCase<K>>}`]?: (event: TalkDockElementEventMap[K]) => void
}
