// Types for server.mjs (the implementation is plain JS so Node can import it
// without a TypeScript loader).

export declare const DEV_API_KEY: 'devkey';
export declare const DEV_API_SECRET: 'devsecret-devsecret-devsecret-0000';

export type AgentState = 'initializing' | 'listening' | 'thinking' | 'speaking';

/** Behaviour of the scripted agent. Every field is optional. */
export interface AgentOptions {
  /** false: the agent never joins (default true) */
  join?: boolean;
  /** default 'agent-amara' */
  identity?: string;
  /** default 'Amara' */
  name?: string;
  /** delay after the first client is connected (default 200) */
  joinDelayMs?: number;
  /** initializing → listening after its track reached a client (default 150) */
  readyDelayMs?: number;
  /** spoken once when ready; null: no greeting */
  greeting?: string | null;
  /** listening → greeting (default 200) */
  greetingDelayMs?: number;
  /** the spoken answer to an lk.chat message */
  reply?: (text: string) => string;
  /** time in `thinking` (default 300) */
  thinkingMs?: number;
  /** gap between transcript chunks (default 120) */
  chunkDelayMs?: number;
  /** speaking continues this long after the final chunk (default 300) */
  speakTailMs?: number;
  /** also send old-style DataPacket.transcription (RoomEvent.TranscriptionReceived) */
  legacyTranscription?: boolean;
  /** send lk.transcription text streams (default true) */
  streamTranscription?: boolean;
}

export interface ChatMessage {
  room: string;
  identity: string;
  text: string;
}

/** Live counters (read them at any time). */
export interface ServerStats {
  joins: number;
  rejectedJoins: number;
  offers: number;
  publishedTracks: number;
  micRtpPackets: number;
  textStreamsReceived: number;
  textMessagesReceived: number;
  chatMessages: ChatMessage[];
  leaves: number;
  readonly activeSessions: number;
}

export type DisconnectReasonName =
  | 'UNKNOWN_REASON'
  | 'CLIENT_INITIATED'
  | 'DUPLICATE_IDENTITY'
  | 'SERVER_SHUTDOWN'
  | 'PARTICIPANT_REMOVED'
  | 'ROOM_DELETED'
  | 'STATE_MISMATCH'
  | 'JOIN_FAILURE'
  | 'MIGRATION'
  | 'SIGNAL_CLOSE'
  | 'ROOM_CLOSED'
  | 'USER_UNAVAILABLE'
  | 'USER_REJECTED'
  | 'SIP_TRUNK_FAILURE'
  | 'CONNECTION_TIMEOUT'
  | 'MEDIA_FAILURE'
  | 'AGENT_ERROR';

export interface LiveKitTestServer {
  /** ws://127.0.0.1:PORT — pass to room.connect() */
  url: string;
  port: number;
  stats: ServerStats;
  /** A JWT for the server's key/secret with roomJoin/publish/subscribe/data grants. */
  mintToken(roomName: string, identity: string, opts?: { name?: string; ttlSeconds?: number }): Promise<string>;
  /** Sends a LeaveRequest (default PARTICIPANT_REMOVED) to `identity`; returns how many sessions. */
  disconnectParticipant(identity: string, reason?: DisconnectReasonName | number): number;
  /** Disconnects everyone in the room with ROOM_DELETED. */
  deleteRoom(roomName: string): number;
  /** Terminates every signal socket abruptly; clients go Reconnecting and rejoin. */
  dropConnections(): number;
  /** Makes the agent speak `text` (speaking state, transcript, tone). */
  agentSay(roomName: string, text: string): Promise<void>;
  setAgentState(roomName: string, state: AgentState): void;
  /** The agent leaves the room. */
  agentLeave(roomName: string): void;
  getRoom(roomName: string): unknown;
  close(): Promise<void>;
}

export interface LiveKitTestServerOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  apiKey?: string;
  apiSecret?: string;
  agent?: AgentOptions;
  /** log protocol events to the console */
  debug?: boolean;
}

export declare function startLiveKitTestServer(options?: LiveKitTestServerOptions): Promise<LiveKitTestServer>;
