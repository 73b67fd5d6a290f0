/**
 * English strings only the attach chunk shows (dist/talkdock-attach.js carries
 * them; the panel does not): the preview's Remove and progress, and why a photo
 * was refused. The chunk reads the panel's table (locale and `strings` option
 * over English) over these; locale tables translate them under the same keys.
 */
export const ATTACH_EN = {
  removePhoto: 'Remove photo',
  preparing: 'Preparing photo…',
  uploading: 'Uploading photo… {n}%',
  photoType: 'Only photos can be attached (JPEG, PNG, WebP, GIF or HEIC).',
  photoSize: 'This photo is {n} MB; the largest you can send is {max} MB.',
  photoUpload: 'The photo could not be uploaded. Try again.',
}
