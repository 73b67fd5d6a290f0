/**
 * Entry of the lazily loaded voice chunk (dist/talkdock-voice.js, always built by
 * build.mjs). Everything the widget needs to run a voice
 * conversation; livekit-client is bundled only here.
 */
export { VoiceErrorCode, micErrorCode } from '../core/voice-codes'
export { createLiveKitRoom } from './livekit'
export { VOICE_MESSAGES, voiceMessage } from './messages'
export { isActive, isConnected } from './machine'
export type { VoiceState } from './machine'
export { createVoiceSession } from './session'
export type { VoiceErrorInfo, VoiceSession, VoiceSessionDeps, VoiceStateDetail } from './session'
export { VoiceTokenError, fetchVoiceToken } from './token'
export type { FetchVoiceTokenOptions, VoiceCredentials } from './token'
export type { VoiceTranscript } from './transcripts'
export { createLiveSession } from './live-session'
export type { LiveSessionOptions } from './live-session'
// The panel's voice controller (src/core/voice.ts) makes its call with this (the call carries the bar).
export { createVoiceCall } from './controller'
export type { VoiceCall } from '../contracts'
