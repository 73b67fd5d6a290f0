/**
 * The widget's renderer: the part of Preact's API the widget uses (h, Fragment,
 * render, createContext, createRef, options), implemented in src/render/. build.mjs
 * and vitest.config.ts resolve `preact` to this file and `preact/hooks` to ./hooks.ts;
 * Preact's own type definitions still type-check every component.
 */
export { Fragment, options, render, render as hydrate } from './diff'
export { createContext, createRef, h } from './h'
