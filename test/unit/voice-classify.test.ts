import { ConnectionError, DisconnectReason } from 'livekit-client'
import { describe, expect, it } from 'vitest'
import { classifyMicError, connectErrorCode, disconnectCode } from '../../src/voice/classify'
import { VoiceErrorCode as C } from '../../src/core/voice-codes'

const named = (name: string, message = '') => Object.assign(new Error(message), { name })

describe('classifyMicError', () => {
  it.each([
    [named('NotAllowedError', 'Permission denied'), 'denied'],
    [named('NotAllowedError', 'Permission denied by permissions policy'), 'blocked-by-policy'],
    [named('PermissionDeniedError'), 'denied'],
    [named('SecurityError'), 'blocked-by-policy'],
    [named('NotFoundError'), 'not-found'],
    [named('OverconstrainedError'), 'not-found'],
    [named('NotReadableError', 'Could not start audio source'), 'in-use'],
    [named('AbortError'), 'in-use'],
    [named('TypeError'), 'unknown'],
    ['weird', 'unknown'],
    [null, 'unknown'],
  ])('%o → %s', (error, kind) => {
    expect(classifyMicError(error)).toBe(kind)
  })
})

describe('connectErrorCode (real livekit ConnectionErrors)', () => {
  it.each([
    [ConnectionError.notAllowed('token rejected', 401), C.ConnectNotAllowed],
    [ConnectionError.serverUnreachable('nope'), C.ConnectUnreachable],
    [ConnectionError.websocket('ws failed'), C.ConnectUnreachable],
    [ConnectionError.internal('boom'), C.ConnectUnreachable],
    [ConnectionError.serviceNotFound('v0', 'v0-rtc'), C.ConnectUnreachable],
    [ConnectionError.timeout('slow'), C.ConnectTimeout],
    [ConnectionError.cancelled('aborted'), C.ConnectCancelled],
    [ConnectionError.leaveRequest('left', DisconnectReason.ROOM_DELETED), C.RoomDeleted],
    [ConnectionError.leaveRequest('left', DisconnectReason.PARTICIPANT_REMOVED), C.Removed],
    [ConnectionError.leaveRequest('left', DisconnectReason.UNKNOWN_REASON), C.Unknown],
    [new Error('plain'), C.Unknown],
    [undefined, C.Unknown],
  ])('%s → %s', (error, code) => {
    expect(connectErrorCode(error)).toBe(code)
  })
})

describe('disconnectCode', () => {
  it.each([
    [undefined, undefined],
    [DisconnectReason.UNKNOWN_REASON, undefined],
    [DisconnectReason.CLIENT_INITIATED, null],
    [DisconnectReason.ROOM_DELETED, C.RoomDeleted],
    [DisconnectReason.ROOM_CLOSED, C.RoomDeleted],
    [DisconnectReason.PARTICIPANT_REMOVED, C.Removed],
    [DisconnectReason.DUPLICATE_IDENTITY, C.Removed],
    [DisconnectReason.SERVER_SHUTDOWN, C.ServerShutdown],
    [DisconnectReason.SIGNAL_CLOSE, C.ReconnectFailed],
    [DisconnectReason.CONNECTION_TIMEOUT, C.ReconnectFailed],
    [DisconnectReason.AGENT_ERROR, C.Unknown],
  ])('%s → %s', (reason, code) => {
    expect(disconnectCode(reason)).toBe(code)
  })
})
