// The scripted voice agent: a virtual remote participant of kind AGENT that
// publishes an Opus audio track, drives `lk.agent.state` through
// listening → thinking → speaking → listening and sends its speech as
// `lk.transcription` text streams. It answers every `lk.chat` message.
import {
  DataPacket,
  DataPacket_Kind,
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  ParticipantPermission,
  TrackInfo,
  TrackSource,
  TrackType,
  Transcription,
  TranscriptionSegment,
} from '@livekit/protocol';
import { buildTextStream } from './streams.mjs';
import { newSid } from './session.mjs';
import { OpusToneSource } from './tone.mjs';

/**
 * @typedef {'initializing' | 'listening' | 'thinking' | 'speaking'} AgentState
 */

/**
 * @typedef {object} AgentOptions
 * @property {boolean} [join]           false: the agent never joins (default true)
 * @property {string} [identity]        default 'agent-amara'
 * @property {string} [name]            default 'Amara'
 * @property {number} [joinDelayMs]     after the first client is connected (default 200)
 * @property {number} [readyDelayMs]    initializing → listening after its track is negotiated (default 150)
 * @property {string | null} [greeting] spoken once when ready; null: no greeting
 * @property {number} [greetingDelayMs] listening → greeting (default 200)
 * @property {(text: string) => string} [reply] answer to an lk.chat message
 * @property {number} [thinkingMs]      time spent in `thinking` (default 300)
 * @property {number} [chunkDelayMs]    gap between transcript chunks (default 120)
 * @property {number} [speakTailMs]     speaking continues after the final chunk (default 300)
 * @property {boolean} [legacyTranscription] also send DataPacket.transcription (old agents)
 * @property {boolean} [streamTranscription] send lk.transcription text streams (default true)
 */

/** @type {Required<AgentOptions>} */
export const AGENT_DEFAULTS = {
  join: true,
  identity: 'agent-amara',
  name: 'Amara',
  joinDelayMs: 200,
  readyDelayMs: 150,
  greeting: "Hi, I'm Amara. How can I help you today?",
  greetingDelayMs: 200,
  reply: (text) => `You asked about "${text}". Our most popular pick is the Trail Runner shoe, in stock in all sizes.`,
  thinkingMs: 300,
  chunkDelayMs: 120,
  speakTailMs: 300,
  legacyTranscription: false,
  streamTranscription: true,
};

/**
 * Splits text into ~2 chunks at a word boundary, as an LLM stream would.
 * @param {string} text
 * @returns {string[]}
 */
export function chunkText(text) {
  const mid = text.indexOf(' ', Math.floor(text.length / 2));
  return mid < 0 ? [text] : [text.slice(0, mid + 1), text.slice(mid + 1)];
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} AgentRoom  what the agent needs from its room
 * @property {(info: ParticipantInfo) => void} broadcastParticipant
 * @property {(packet: DataPacket) => void} broadcastData
 * @property {(packet: import('werift').RtpPacket) => void} broadcastAgentRtp
 * @property {() => void} subscribeAll
 * @property {(event: string, detail?: unknown) => void} log
 */

export class ScriptedAgent {
  /**
   * @param {AgentRoom} room
   * @param {AgentOptions} options
   */
  constructor(room, options) {
    this.room = room;
    this.opts = { ...AGENT_DEFAULTS, ...options };
    this.sid = newSid('PA');
    this.trackSid = newSid('TR');
    this.version = 1;
    this.joined = false;
    this.ready = false;
    this.disposed = false;
    /** @type {AgentState} */
    this.state = 'initializing';
    this.segment = 0;
    /** serialises speech so replies don't interleave */
    this.queue = Promise.resolve();
    this.tone = new OpusToneSource((packet) => this.room.broadcastAgentRtp(packet));
  }

  get identity() {
    return this.opts.identity;
  }

  /** @returns {ParticipantInfo} */
  info() {
    return new ParticipantInfo({
      sid: this.sid,
      identity: this.opts.identity,
      name: this.opts.name,
      state: this.disposed ? ParticipantInfo_State.DISCONNECTED : ParticipantInfo_State.ACTIVE,
      kind: ParticipantInfo_Kind.AGENT,
      attributes: { 'lk.agent.state': this.state },
      version: this.version,
      isPublisher: true,
      joinedAt: BigInt(Math.floor(Date.now() / 1000)),
      permission: new ParticipantPermission({ canSubscribe: true, canPublish: true, canPublishData: true, agent: true }),
      tracks: [
        new TrackInfo({
          sid: this.trackSid,
          type: TrackType.AUDIO,
          source: TrackSource.MICROPHONE,
          name: 'agent-voice',
          mimeType: 'audio/opus',
          muted: false,
        }),
      ],
    });
  }

  /** Joins the room (once) and publishes the audio track to every client. */
  join() {
    if (this.joined || this.disposed) return;
    this.joined = true;
    this.tone.start();
    this.room.broadcastParticipant(this.info());
    this.room.subscribeAll();
    this.room.log('agent joined');
  }

  /** Called when a client has a receive slot for the agent's track. */
  onTrackNegotiated() {
    if (this.ready) return;
    this.ready = true;
    this.run(async () => {
      await sleep(this.opts.readyDelayMs);
      this.setState('listening');
      if (this.opts.greeting) {
        await sleep(this.opts.greetingDelayMs);
        await this.speak(this.opts.greeting);
      }
    });
  }

  /** @param {AgentState} state */
  setState(state) {
    if (this.disposed || this.state === state) return;
    this.state = state;
    this.version++;
    this.tone.setSpeaking(state === 'speaking');
    this.room.broadcastParticipant(this.info());
  }

  /**
   * thinking → speaking (transcript chunks + tone) → listening.
   * @param {string} text
   */
  async answer(text) {
    this.run(async () => {
      this.setState('thinking');
      await sleep(this.opts.thinkingMs);
      await this.speak(this.opts.reply(text));
    });
  }

  /** @param {() => Promise<void>} task */
  run(task) {
    this.queue = this.queue.then(task).catch((e) => this.room.log('agent task failed', e));
    return this.queue;
  }

  /**
   * Speaks `text`: state `speaking`, the transcript as an lk.transcription
   * stream (interim chunks, final flag in the trailer), then `listening`.
   * @param {string} text
   */
  async speak(text) {
    if (this.disposed) return;
    this.setState('speaking');
    const segmentId = `SG_${this.sid}_${++this.segment}`;
    const chunks = chunkText(text);
    const sender = { identity: this.opts.identity, sid: this.sid };
    if (this.opts.streamTranscription) {
      const attributes = {
        'lk.segment_id': segmentId,
        'lk.transcribed_track_id': this.trackSid,
        'lk.transcription_final': 'false',
      };
      const packets = buildTextStream({
        sender,
        topic: 'lk.transcription',
        chunks,
        attributes,
        trailerAttributes: { 'lk.transcription_final': 'true' },
      });
      // header + first chunk, then one chunk per delay, then the trailer
      for (let i = 0; i < packets.length; i++) {
        if (i > 1) await sleep(this.opts.chunkDelayMs);
        this.room.broadcastData(packets[i]);
      }
    }
    if (this.opts.legacyTranscription) {
      let sofar = '';
      for (let i = 0; i < chunks.length; i++) {
        sofar += chunks[i];
        this.sendLegacyTranscription(segmentId, sofar, i === chunks.length - 1);
        if (i < chunks.length - 1) await sleep(this.opts.chunkDelayMs);
      }
    }
    await sleep(this.opts.speakTailMs);
    this.setState('listening');
  }

  /**
   * Old-style transcription packet (RoomEvent.TranscriptionReceived).
   * @param {string} id
   * @param {string} text
   * @param {boolean} final
   */
  sendLegacyTranscription(id, text, final) {
    const now = BigInt(Date.now());
    this.room.broadcastData(
      new DataPacket({
        kind: DataPacket_Kind.RELIABLE,
        participantIdentity: this.opts.identity,
        participantSid: this.sid,
        value: {
          case: 'transcription',
          value: new Transcription({
            transcribedParticipantIdentity: this.opts.identity,
            trackId: this.trackSid,
            segments: [new TranscriptionSegment({ id, text, final, startTime: now, endTime: now, language: 'en' })],
          }),
        },
      }),
    );
  }

  /** Leaves the room (participant update DISCONNECTED) and stops audio. */
  leave() {
    if (this.disposed) return;
    this.disposed = true;
    this.version++;
    this.tone.stop();
    if (this.joined) this.room.broadcastParticipant(this.info());
  }

  dispose() {
    this.disposed = true;
    this.tone.stop();
  }
}
