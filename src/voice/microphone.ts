/** Default microphone access for the voice session. */

type PolicyDocument = Document & {
  permissionsPolicy?: { allowsFeature(feature: string): boolean }
  featurePolicy?: { allowsFeature(feature: string): boolean }
}

/** An Error carrying a DOMException-style name (what classifyMicError reads). */
export function namedError(name: string, message: string): Error {
  const e = new Error(message)
  e.name = name
  return e
}

/**
 * False when the page's Permissions-Policy (e.g. an iframe without
 * `allow="microphone"`) forbids the microphone. True when unknown.
 */
export function micAllowedByPolicy(page: Document | undefined): boolean {
  if (!page) return true
  const doc = page as PolicyDocument
  const policy = doc.permissionsPolicy ?? doc.featurePolicy
  try {
    return policy ? policy.allowsFeature('microphone') : true
  } catch {
    return true
  }
}

/** Asks for the microphone (echo cancellation, noise suppression, AGC) and returns its track. */
export async function getMicrophone(
  devices: MediaDevices | undefined,
): Promise<MediaStreamTrack> {
  if (!devices?.getUserMedia) {
    throw namedError('SecurityError', 'navigator.mediaDevices is unavailable (not a secure context?)')
  }
  const stream = await devices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  })
  const [track] = stream.getAudioTracks()
  if (!track) throw namedError('NotFoundError', 'getUserMedia returned no audio track')
  return track
}
