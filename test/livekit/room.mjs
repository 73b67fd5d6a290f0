// A room of the test server: its client sessions plus the scripted agent,
// routing participant updates, data packets and agent audio between them.
import { DataPacket } from '@livekit/protocol';
import { ScriptedAgent } from './agent.mjs';
import { TextStreamAssembler } from './streams.mjs';
import { newSid } from './session.mjs';

/**
 * @typedef {object} ChatMessage
 * @property {string} room
 * @property {string} identity
 * @property {string} text
 */

export class TestRoom {
  /**
   * @param {object} opts
   * @param {string} opts.name
   * @param {import('./agent.mjs').AgentOptions} opts.agent
   * @param {import('./server.mjs').ServerStats} opts.stats
   * @param {boolean} opts.debug
   */
  constructor({ name, agent, stats, debug }) {
    this.name = name;
    this.sid = newSid('RM');
    this.stats = stats;
    this.debug = debug;
    /** @type {Map<string, import('./session.mjs').SignalSession>} by identity */
    this.sessions = new Map();
    this.agentOptions = agent;
    this.agent = new ScriptedAgent(this, agent);
    this.agentScheduled = false;
    /** @type {NodeJS.Timeout | undefined} */
    this.joinTimer = undefined;
    this.texts = new TextStreamAssembler((t) => this.onText(t));
  }

  /** @param {string} event @param {unknown} [detail] */
  log(event, detail) {
    if (this.debug) console.log(`[lk-test ${this.name}] ${event}`, detail ?? '');
  }

  /** @param {string} except identity to leave out */
  otherParticipants(except) {
    const infos = [...this.sessions.values()].filter((s) => s.identity !== except).map((s) => s.info());
    if (this.agent.joined && !this.agent.disposed) infos.push(this.agent.info());
    return infos;
  }

  /**
   * Adds a client session; an older session with the same identity (a client
   * rejoining after a dropped connection) is replaced.
   * @param {import('./session.mjs').SignalSession} session
   * @param {import('@livekit/protocol').JoinRequest | undefined} joinRequest
   */
  add(session, joinRequest) {
    const old = this.sessions.get(session.identity);
    if (old) {
      this.sessions.delete(old.identity);
      old.close('replaced by a new join');
    }
    this.sessions.set(session.identity, session);
    if (this.agent.joined && !this.agent.disposed) {
      session.subscribeAgentTrack(this.agent.sid, this.agent.trackSid, false);
    }
    session.start(joinRequest);
    this.broadcastParticipant(session.info(), session.identity);
  }

  /** @param {import('./session.mjs').SignalSession} session */
  onReady(session) {
    this.log(`client ${session.identity} ready`);
    if (this.agentScheduled || !this.agent.opts.join) return;
    this.agentScheduled = true;
    this.joinTimer = setTimeout(() => this.agent.join(), this.agent.opts.joinDelayMs);
  }

  /**
   * @param {import('./session.mjs').SignalSession} session
   * @param {import('@livekit/protocol').TrackInfo} _track
   */
  onTrackPublished(session, _track) {
    this.broadcastParticipant(session.info(), session.identity);
  }

  /** @param {import('./session.mjs').SignalSession} _session */
  onAgentTrackNegotiated(_session) {
    this.agent.onTrackNegotiated();
  }

  /**
   * @param {import('./session.mjs').SignalSession} session
   * @param {DataPacket} packet
   */
  onData(session, packet) {
    packet.participantIdentity = session.identity;
    packet.participantSid = session.sid;
    const c = packet.value.case;
    if (c === 'streamHeader' || c === 'streamChunk' || c === 'streamTrailer') this.texts.push(packet);
    // forward to the other clients
    for (const other of this.sessions.values()) if (other !== session) other.sendData(packet);
  }

  /** @param {import('./streams.mjs').ReceivedText} t */
  onText(t) {
    this.stats.textStreamsReceived++;
    if (t.topic !== 'lk.chat') return;
    this.stats.textMessagesReceived++;
    this.stats.chatMessages.push({ room: this.name, identity: t.identity, text: t.text });
    this.log(`chat from ${t.identity}: ${t.text}`);
    if (this.agent.joined && !this.agent.disposed) this.agent.answer(t.text);
  }

  /** @param {import('./session.mjs').SignalSession} session */
  onClosed(session) {
    if (this.sessions.get(session.identity) === session) {
      this.sessions.delete(session.identity);
      this.broadcastParticipant(session.info(), session.identity);
    }
  }

  // ---- used by the agent ----

  /**
   * @param {import('@livekit/protocol').ParticipantInfo} info
   * @param {string} [except] identity that must not receive it
   */
  broadcastParticipant(info, except) {
    for (const s of this.sessions.values()) if (s.identity !== except) s.sendParticipantUpdate([info]);
  }

  /** @param {DataPacket} packet */
  broadcastData(packet) {
    for (const s of this.sessions.values()) s.sendData(packet);
  }

  /** @param {import('werift').RtpPacket} packet */
  broadcastAgentRtp(packet) {
    for (const s of this.sessions.values()) s.writeAgentRtp(packet);
  }

  subscribeAll() {
    for (const s of this.sessions.values()) s.subscribeAgentTrack(this.agent.sid, this.agent.trackSid, true);
  }

  /** Stops timers and the agent; sessions are closed by the caller. */
  dispose() {
    clearTimeout(this.joinTimer);
    this.agent.dispose();
  }
}
