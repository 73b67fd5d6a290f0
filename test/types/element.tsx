/** @jsxImportSource react */
/**
 * Type test (compiled by `tsc --noEmit -p tsconfig.json`, never run): `<talkdock-widget>`
 * in TypeScript DOM code, React 19 JSX and Vue 3's GlobalComponents. Each
 * `@ts-expect-error` line must fail to type-check (tsc reports an unused directive
 * otherwise), so wrong attribute, property and event types are caught.
 */
import type { GlobalComponents } from 'vue'
import type { ChatMessage, TalkDockErrorInfo, TalkDockWidgetElement } from '../../src/element'
import type {} from '../../src/element/react'
import type {} from '../../src/element/vue'

// DOM: querySelector/createElement know the element, its properties, methods and events.
export function dom(): void {
  const el = document.createElement('talkdock-widget')
  const same: TalkDockWidgetElement | null = document.querySelector('talkdock-widget')
  void same
  el.botName = 'Amara'
  el.starterPrompts = ['Do you have the PS5?']
  el.strings = { send: 'Go' }
  el.user = { id: 'u1', name: 'Ada' }
  el.context = { page: '/cart' }
  el.theme = 'dark'
  // @ts-expect-error theme takes light, dark or auto
  el.theme = 'purple'
  // @ts-expect-error starterPrompts is a list of strings
  el.starterPrompts = 'A|B'
  // @ts-expect-error user fields are strings
  el.user = { id: 42 }
  el.open()
  el.send('hello')
  void el.startVoice().then(() => el.stopVoice())
  el.addEventListener('talkdock-message', (e) => {
    const m: ChatMessage = e.detail
    void m.text
  })
  el.addEventListener('talkdock-error', (e) => {
    const info: TalkDockErrorInfo = e.detail
    void info.code
  })
  // @ts-expect-error a message event's detail is a ChatMessage, not an error
  el.addEventListener('talkdock-message', (e: CustomEvent<TalkDockErrorInfo>) => void e)
}

// React 19: attributes in kebab-case, object options as properties, ontalkdock-* listeners.
export function ReactApp() {
  return (
    <>
      <talkdock-widget
        api-url="https://api.example"
        api-key="td-test-key"
        bot-name="Amara"
        locale="zh"
        theme="auto"
        primary-color="#065f46"
        enable-voice
        radius={12}
        max-message-length="500"
        inline
        starterPrompts={['Do you have the PS5?']}
        strings={{ send: 'Go' }}
        user={{ id: 'u1' }}
        context={{ page: '/cart' }}
        ontalkdock-message={(e) => void e.detail.text}
        ontalkdock-voicestate={(e) => void e.detail.state}
        className="chat"
      />
      {/* @ts-expect-error theme takes light, dark or auto */}
      <talkdock-widget theme="purple" />
      {/* @ts-expect-error position is bottom-right or bottom-left */}
      <talkdock-widget position="top" />
      {/* @ts-expect-error enable-voice is a boolean attribute */}
      <talkdock-widget enable-voice={42} />
      {/* @ts-expect-error radius is a number */}
      <talkdock-widget radius="round" />
      {/* @ts-expect-error storage is local, session or none */}
      <talkdock-widget storage="cookies" />
      {/* @ts-expect-error starterPrompts is a list of strings */}
      <talkdock-widget starterPrompts={[1, 2]} />
      {/* @ts-expect-error a message listener gets a CustomEvent<ChatMessage> */}
      <talkdock-widget ontalkdock-message={(e: CustomEvent<number>) => void e} />
    </>
  )
}

// Vue 3: the props GlobalComponents declares for templates (Volar) and TSX.
type VueProps = InstanceType<GlobalComponents['talkdock-widget']>['$props']
export const vueOk: VueProps = {
  'api-url': 'https://api.example',
  'api-key': 'td-test-key',
  'bot-name': 'Amara',
  locale: 'en',
  inline: true,
  'enable-voice': '',
  strings: { send: 'Go' },
  starterPrompts: ['Do you have the PS5?'],
  onTalkdockMessage: (e) => void e.detail.role,
  onTalkdockError: (e) => void e.detail.message,
}
// @ts-expect-error theme takes light, dark or auto
export const vueTheme: VueProps = { theme: 'purple' }
// @ts-expect-error offset-x is a number
export const vueOffset: VueProps = { 'offset-x': 'far' }
// @ts-expect-error a message listener gets a CustomEvent<ChatMessage>
export const vueListener: VueProps = { onTalkdockMessage: (e: CustomEvent<string>) => void e }
