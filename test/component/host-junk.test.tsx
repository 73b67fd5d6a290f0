/** @jsxRuntime classic */ /** @jsx h */
/**
 * A host page whose old libraries put enumerable junk on Object.prototype
 * (MooTools-style `extend`, a string, an `on…` function): the panel, on real
 * Preact with src/ui/own-props.ts's options.vnode hook, never turns it into a prop,
 * an attribute or a listener, and still works. (The same page in Chromium:
 * test/e2e/host-pages.test.ts, "patched prototypes".)
 */
import { fireEvent, waitFor, within } from '@testing-library/preact'
import { h, render } from 'preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TalkDockEvents } from '../../src/api'
import { createEmitter } from '../../src/core/emitter'
import { ownPropsOnly } from '../../src/ui/own-props'
import { mountPanel } from '../../src/panel'
import { agentReply, createFakeEnv, createFakeFetch, testConfig } from '../helpers/fakes'

const JUNK = ['junk', 'extend', 'onjunk']
const proto = Object.prototype as Record<string, unknown>
const cleanups: Array<() => void> = []

beforeEach(() => {
  proto.junk = 'junk'
  proto.extend = function () {
    return this
  }
  proto.onjunk = () => {}
})
afterEach(() => {
  for (const k of JUNK) delete proto[k]
  for (const c of cleanups.splice(0)) c()
})

/** Every attribute name on `root` and below. */
const attributeNames = (root: Element) => [root, ...root.querySelectorAll('*')].flatMap((el) => el.getAttributeNames())

describe('Object.prototype junk on the host page', () => {
  it('the panel works and no element gets a junk attribute or listener, before and after re-renders', async () => {
    // The prototype elements really take addEventListener from (happy-dom's own EventTarget).
    let target: object = document.createElement('button')
    while (!Object.prototype.hasOwnProperty.call(target, 'addEventListener')) target = Object.getPrototypeOf(target)
    const added = vi.spyOn(target as EventTarget, 'addEventListener')
    cleanups.push(() => added.mockRestore())
    const fetch = createFakeFetch(() => agentReply('**Yes**, we open at 10.'))
    const env = createFakeEnv({ fetch })
    const slot = document.createElement('div')
    document.body.appendChild(slot)
    const api = mountPanel({ config: testConfig(), env, slot, addStyles: () => {}, emit: createEmitter<TalkDockEvents>().emit, requestClose: () => {} })
    cleanups.push(() => (api.destroy(), slot.remove()))
    const ui = within(slot)
    expect(attributeNames(slot).filter((a) => JUNK.includes(a))).toEqual([])

    const box = ui.getByRole('textbox', { name: 'Message' })
    fireEvent.input(box, { target: { value: 'When do you open?' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    await waitFor(() => expect(within(ui.getByRole('log')).getByText('we open at 10.', { exact: false })).toBeTruthy())
    expect(fetch.requests).toHaveLength(1)
    expect(attributeNames(slot).filter((a) => JUNK.includes(a))).toEqual([])
    expect(added.mock.calls.length).toBeGreaterThan(0)
    expect(added.mock.calls.filter(([type]) => type === 'junk')).toEqual([])
  })

  it('a component gets exactly the props it was given (keys, values, children)', () => {
    ownPropsOnly()
    const seen: Array<Record<string, unknown>> = []
    const Probe = (props: Record<string, unknown>) => (seen.push({ ...props }), null)
    const root = document.createElement('div')
    cleanups.push(() => render(null, root))
    render(
      <div title="t">
        <Probe a={1} />
        <Probe b="x">kid</Probe>
      </div>,
      root,
    )
    expect(seen).toEqual([{ a: 1 }, { b: 'x', children: 'kid' }])
    expect(root.innerHTML).toBe('<div title="t"></div>')
  })
})
