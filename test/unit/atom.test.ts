import { describe, expect, it } from 'vitest'
import { atom } from '../../src/stores/atom'

describe('atom', () => {
  it('holds a value; set changes it and calls each listener with it', () => {
    const a = atom(1)
    const heard: number[] = []
    a.listen((v) => heard.push(v))
    a.listen((v) => heard.push(v * 10))
    expect(a.get()).toBe(1)
    a.set(2)
    expect(a.get()).toBe(2)
    expect(heard).toEqual([2, 20])
  })

  it('setting the same value notifies nobody', () => {
    const a = atom('x')
    let calls = 0
    a.listen(() => calls++)
    a.set('x')
    expect(calls).toBe(0)
  })

  it('a stopped listener is not called again, the others still are', () => {
    const a = atom(0)
    const heard: number[] = []
    const off = a.listen((v) => heard.push(v))
    a.listen((v) => heard.push(-v))
    a.set(1)
    off()
    a.set(2)
    expect(heard).toEqual([1, -1, -2])
  })

  it('a listener removed by an earlier one during a change is not called', () => {
    const a = atom(0)
    const heard: string[] = []
    let offB = () => {}
    a.listen(() => {
      heard.push('a')
      offB()
    })
    offB = a.listen(() => heard.push('b'))
    a.set(1)
    expect(heard).toEqual(['a'])
  })

  it('a listener that sets the store again leaves the later listeners the newest value', () => {
    const a = atom(0)
    const seen: number[] = []
    a.listen((v) => {
      if (v === 1) a.set(2)
    })
    a.listen((v) => seen.push(v))
    a.set(1)
    expect(a.get()).toBe(2)
    expect(seen).toEqual([2, 2])
  })
})
