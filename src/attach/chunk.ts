/** The attach chunk's entry (dist/talkdock-attach.js): see ./photo.ts. */
export { check, prepare } from './photo'
