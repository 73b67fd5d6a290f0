/**
 * Vue 3 types for `<talkdock-widget>` in templates (Volar) and TSX:
 * `import type {} from 'talkdock/element/vue'` once. Tell Vue's compiler the tag is a
 * custom element: `compilerOptions.isCustomElement: (tag) => tag === 'talkdock-widget'`.
 */
import type { DefineComponent } from 'vue'
import type { TalkDockAttributes, TalkDockElementProperties, TalkDockVueEvents } from './types'

/** The props of `<talkdock-widget>` in Vue: attributes, object options (`:strings`), listeners (`@talkdock-message`). */
export type TalkDockWidgetVueProps = TalkDockAttributes & Pick<TalkDockElementProperties, 'strings' | 'voice' | 'starterPrompts' | 'user' | 'context'> & TalkDockVueEvents

declare module 'vue' {
  interface GlobalComponents {
    'talkdock-widget': DefineComponent<TalkDockWidgetVueProps>
  }
}
