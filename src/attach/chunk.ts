/** The attach chunk's entry (dist/talkdock-attach.js): see ./photo.ts and ./ui.tsx. */
export { check, prepare } from './photo'
export { AttachPreview, attach, photos } from './ui'
