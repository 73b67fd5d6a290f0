/**
 * Plain-language English messages for every {@link VoiceErrorCode}. Each one
 * says what happened and what the visitor can do; typing always still works.
 */
import { VoiceErrorCode } from '../core/voice-codes'

export const VOICE_MESSAGES: Readonly<Record<VoiceErrorCode, string>> = {
  [VoiceErrorCode.MicDenied]:
    "Microphone access was blocked. Allow the microphone in your browser's site settings to talk, or keep typing.",
  [VoiceErrorCode.MicNotFound]: 'No microphone was found. Connect one and try again, or keep typing.',
  [VoiceErrorCode.MicInUse]:
    'Your microphone is being used by another app or tab. Close it and try again, or keep typing.',
  [VoiceErrorCode.MicBlockedByPolicy]:
    "This page isn't allowed to use the microphone, so voice is unavailable here. You can keep typing.",
  [VoiceErrorCode.TokenFailed]: "Voice chat couldn't start because the service didn't respond properly. Please try again in a moment, or keep typing.",
  [VoiceErrorCode.ConnectNotAllowed]: 'The voice service refused the connection. Please try again later, or keep typing.',
  [VoiceErrorCode.ConnectUnreachable]: "The voice service can't be reached. Check your connection and try again, or keep typing.",
  [VoiceErrorCode.ConnectTimeout]: 'Connecting to voice took too long. Check your connection and try again, or keep typing.',
  [VoiceErrorCode.ConnectCancelled]: 'The voice call was cancelled before it connected.',
  [VoiceErrorCode.AgentTimeout]: "The voice assistant didn't join in time. Please try again in a moment, or keep typing.",
  [VoiceErrorCode.RoomDeleted]: 'The voice conversation has ended. You can start a new one or keep typing.',
  [VoiceErrorCode.Removed]: 'You were disconnected from the voice conversation. You can start a new one or keep typing.',
  [VoiceErrorCode.ServerShutdown]: 'The voice service is restarting. Please try again in a moment, or keep typing.',
  [VoiceErrorCode.ReconnectFailed]: 'The voice connection was lost and could not be restored. Try again, or keep typing.',
  [VoiceErrorCode.Unknown]: 'Something went wrong with voice chat. Please try again, or keep typing.',
}

/** The message for `code`. */
export function voiceMessage(code: VoiceErrorCode): string {
  return VOICE_MESSAGES[code] ?? VOICE_MESSAGES[VoiceErrorCode.Unknown]
}
