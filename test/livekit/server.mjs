// A LiveKit-protocol test server in Node: enough of the signalling protocol
// (v1 path, single peer connection) for the real livekit-client to connect,
// publish its microphone, receive a scripted agent's Opus audio, attributes
// and transcripts, and send chat text streams. Media is terminated by werift.
//
// Plain ESM + JSDoc so the demo server (Node without a TS loader) can import it.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { DisconnectReason, JoinRequest, WrappedJoinRequest, WrappedJoinRequest_Compression } from '@livekit/protocol';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { WebSocketServer } from 'ws';
import { TestRoom } from './room.mjs';
import { SignalSession } from './session.mjs';

export const DEV_API_KEY = 'devkey';
export const DEV_API_SECRET = 'devsecret-devsecret-devsecret-0000';

/**
 * @typedef {object} ServerStats  counters tests can read (live object)
 * @property {number} joins                 accepted join requests (incl. rejoins)
 * @property {number} rejectedJoins         bad or missing tokens
 * @property {number} offers                SDP offers answered
 * @property {number} publishedTracks       AddTrack requests from clients
 * @property {number} micRtpPackets         RTP packets received from clients
 * @property {number} textStreamsReceived   completed text streams from clients (any topic)
 * @property {number} textMessagesReceived  completed text streams on topic lk.chat
 * @property {import('./room.mjs').ChatMessage[]} chatMessages  their contents
 * @property {number} leaves                client-initiated leaves
 * @property {number} activeSessions        sessions open right now
 */

/**
 * @typedef {object} LiveKitTestServer
 * @property {string} url        ws://127.0.0.1:PORT — pass to room.connect()
 * @property {number} port
 * @property {ServerStats} stats
 * @property {(roomName: string, identity: string, opts?: { name?: string, ttlSeconds?: number }) => Promise<string>} mintToken
 * @property {(identity: string, reason?: keyof typeof DisconnectReason | DisconnectReason) => number} disconnectParticipant
 *   sends a LeaveRequest (default reason PARTICIPANT_REMOVED) to every session of `identity`; returns how many
 * @property {(roomName: string) => number} deleteRoom  disconnects everyone with ROOM_DELETED
 * @property {() => number} dropConnections  closes all signal sockets abruptly (client goes Reconnecting)
 * @property {(roomName: string, text: string) => Promise<void>} agentSay  makes the agent speak `text`
 * @property {(roomName: string, state: import('./agent.mjs').AgentState) => void} setAgentState
 * @property {(roomName: string) => void} agentLeave  the agent leaves the room
 * @property {(roomName: string) => TestRoom | undefined} getRoom
 * @property {() => Promise<void>} close
 */

/**
 * Decodes the `join_request` query parameter (base64url WrappedJoinRequest,
 * possibly gzip-compressed JoinRequest).
 * @param {string | null} param
 * @returns {JoinRequest | undefined}
 */
export function decodeJoinRequest(param) {
  if (!param) return undefined;
  const wrapped = WrappedJoinRequest.fromBinary(Buffer.from(param, 'base64url'));
  const bytes =
    wrapped.compression === WrappedJoinRequest_Compression.GZIP ? gunzipSync(wrapped.joinRequest) : wrapped.joinRequest;
  return JoinRequest.fromBinary(new Uint8Array(bytes));
}

/**
 * @param {object} [options]
 * @param {number} [options.port]  0 = any free port
 * @param {string} [options.host]  default 127.0.0.1
 * @param {string} [options.apiKey]
 * @param {string} [options.apiSecret]
 * @param {import('./agent.mjs').AgentOptions} [options.agent]
 * @param {boolean} [options.debug]  log protocol events to the console
 * @returns {Promise<LiveKitTestServer>}
 */
export async function startLiveKitTestServer({
  port = 0,
  host = '127.0.0.1',
  apiKey = DEV_API_KEY,
  apiSecret = DEV_API_SECRET,
  agent = {},
  debug = false,
} = {}) {
  /** @type {ServerStats} */
  const stats = {
    joins: 0,
    rejectedJoins: 0,
    offers: 0,
    publishedTracks: 0,
    micRtpPackets: 0,
    textStreamsReceived: 0,
    textMessagesReceived: 0,
    chatMessages: [],
    leaves: 0,
    get activeSessions() {
      let n = 0;
      for (const r of rooms.values()) n += r.sessions.size;
      return n;
    },
  };
  /** @type {Map<string, TestRoom>} */
  const rooms = new Map();
  const verifier = new TokenVerifier(apiKey, apiSecret);

  /** @param {string} name */
  const roomFor = (name) => {
    let room = rooms.get(name);
    if (!room) {
      room = new TestRoom({ name, agent, stats, debug });
      rooms.set(name, room);
    }
    return room;
  };

  /**
   * @param {string | null} token
   * @returns {Promise<{ ok: true, grants: import('livekit-server-sdk').ClaimGrants } | { ok: false, message: string }>}
   */
  const checkToken = async (token) => {
    if (!token) return { ok: false, message: 'no access token' };
    try {
      const grants = await verifier.verify(token);
      if (!grants.video?.roomJoin || !grants.video.room) return { ok: false, message: 'token has no roomJoin grant' };
      if (!grants.sub) return { ok: false, message: 'token has no identity' };
      return { ok: true, grants };
    } catch (e) {
      return { ok: false, message: `invalid token: ${e instanceof Error ? e.message : e}` };
    }
  };

  const http = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    const url = new URL(req.url ?? '/', 'http://localhost');
    // livekit-client asks /rtc[/v1]/validate after a failed WebSocket upgrade
    if (url.pathname.endsWith('/validate')) {
      const check = await checkToken(url.searchParams.get('access_token'));
      res.writeHead(check.ok ? 200 : 401, { 'content-type': 'text/plain' });
      res.end(check.ok ? 'success' : check.message);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });

  const wss = new WebSocketServer({ noServer: true });

  http.on('upgrade', async (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    /** @param {number} status @param {string} message */
    const refuse = (status, message) => {
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`);
    };
    if (!url.pathname.endsWith('/rtc/v1')) {
      // only the v1 (single peer connection) signalling path is implemented
      refuse(404, 'only /rtc/v1 is supported');
      return;
    }
    const check = await checkToken(url.searchParams.get('access_token'));
    if (!check.ok) {
      stats.rejectedJoins++;
      refuse(401, check.message);
      return;
    }
    /** @type {JoinRequest | undefined} */
    let joinRequest;
    try {
      joinRequest = decodeJoinRequest(url.searchParams.get('join_request'));
    } catch {
      refuse(404, 'bad join_request');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const { grants } = check;
      const room = roomFor(/** @type {string} */ (grants.video?.room));
      stats.joins++;
      const session = new SignalSession({
        ws,
        room,
        identity: /** @type {string} */ (grants.sub),
        name: grants.name ?? '',
        attributes: grants.attributes ?? {},
        stats,
      });
      room.add(session, joinRequest);
    });
  });

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  /** @param {keyof typeof DisconnectReason | DisconnectReason} r */
  const reasonOf = (r) => (typeof r === 'number' ? r : DisconnectReason[r]);

  /** @param {string} roomName */
  const mustRoom = (roomName) => {
    const room = rooms.get(roomName);
    if (!room) throw new Error(`no room ${roomName}`);
    return room;
  };

  return {
    url: `ws://${host}:${actualPort}`,
    port: actualPort,
    stats,
    async mintToken(roomName, identity, opts = {}) {
      const at = new AccessToken(apiKey, apiSecret, { identity, name: opts.name ?? identity, ttl: opts.ttlSeconds ?? 600 });
      at.addGrant({ roomJoin: true, room: roomName, canPublish: true, canSubscribe: true, canPublishData: true });
      return at.toJwt();
    },
    disconnectParticipant(identity, reason = 'PARTICIPANT_REMOVED') {
      let n = 0;
      for (const room of rooms.values()) {
        const s = room.sessions.get(identity);
        if (s) {
          s.leave(reasonOf(reason));
          n++;
        }
      }
      return n;
    },
    deleteRoom(roomName) {
      const room = rooms.get(roomName);
      if (!room) return 0;
      const sessions = [...room.sessions.values()];
      for (const s of sessions) s.leave(DisconnectReason.ROOM_DELETED);
      room.dispose();
      rooms.delete(roomName);
      return sessions.length;
    },
    dropConnections() {
      let n = 0;
      for (const room of rooms.values())
        for (const s of room.sessions.values()) {
          s.drop();
          n++;
        }
      return n;
    },
    async agentSay(roomName, text) {
      const agentRef = mustRoom(roomName).agent;
      await agentRef.run(() => agentRef.speak(text));
    },
    setAgentState(roomName, state) {
      mustRoom(roomName).agent.setState(state);
    },
    agentLeave(roomName) {
      mustRoom(roomName).agent.leave();
    },
    getRoom: (roomName) => rooms.get(roomName),
    async close() {
      for (const room of rooms.values()) {
        for (const s of [...room.sessions.values()]) s.close('server closing');
        room.dispose();
      }
      rooms.clear();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections?.();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
    },
  };
}
