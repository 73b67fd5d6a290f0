/**
 * React 19 JSX types for `<talkdock-widget>`: `import type {} from 'talkdock/element/react'`
 * once (or list it in tsconfig `types`). Attributes in kebab-case, object options as
 * properties (React 19 sets a prop the element has as a property), events as `ontalkdock-…`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react'
import type { TalkDockAttributes, TalkDockElementProperties, TalkDockReactEvents, TalkDockWidgetElement } from './types'

/** The props of `<talkdock-widget>` in React. */
export type TalkDockWidgetReactProps = DetailedHTMLProps<HTMLAttributes<TalkDockWidgetElement>, TalkDockWidgetElement> &
  TalkDockAttributes &
  Pick<TalkDockElementProperties, 'strings' | 'voice' | 'starterPrompts' | 'user' | 'context'> &
  TalkDockReactEvents

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'talkdock-widget': TalkDockWidgetReactProps
    }
  }
}
