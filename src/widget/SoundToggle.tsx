/** @jsxRuntime classic */ /** @jsx h */
import { h } from 'preact'
import { useContext } from 'preact/hooks'
import { useStore } from '@nanostores/preact'
import { Services } from './context'
import { IconButton } from './IconButton'

/**
 * The visitor's "Sound" setting (aria-pressed): a quiet chime when a reply
 * arrives while the chat is hidden. Persisted with the conversation.
 */
export function SoundToggle() {
  const { conversation, t, env } = useContext(Services)
  const prefs = useStore(conversation.prefs)
  const toggle = () => {
    const sound = !prefs.sound
    // Unlock audio inside the click, so a later chime may play.
    if (sound) env.chime?.(true)
    conversation.prefs.setKey('sound', sound)
  }
  return <IconButton icon="sound" label={t.sound} aria-pressed={prefs.sound} onClick={toggle} />
}
