/**
 * The chime's sound (dist/talkdock-sound.js, loaded on the first chime): a 300 ms,
 * 880 Hz blip on the AudioContext that the panel's `chime` (src/panel-env.ts) unlocked in the
 * visitor's click. Nobody pays for it before a chime plays.
 */
export function blip(ctx: AudioContext): void {
  try {
    const now = ctx.currentTime
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.frequency.value = 880
    gain.gain.setValueAtTime(0.0001, now)
    gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3)
    osc.connect(gain).connect(ctx.destination)
    osc.start(now)
    osc.stop(now + 0.3)
  } catch {
    // No WebAudio after all: the setting simply has no sound to play.
  }
}
