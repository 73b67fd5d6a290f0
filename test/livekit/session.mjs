// One client's signalling session: its WebSocket, the werift peer connection
// that terminates its media (livekit-client's single-PC mode: the browser's
// publisher PC both sends the microphone and receives the agent's audio), and
// its reliable data channel.
import { randomBytes } from 'node:crypto';
import {
  ClientConfigSetting,
  ClientConfiguration,
  DataPacket,
  DisconnectReason,
  JoinResponse,
  LeaveRequest,
  LeaveRequest_Action,
  MediaSectionsRequirement,
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  ParticipantPermission,
  ParticipantUpdate,
  Pong,
  Room as RoomProto,
  ServerInfo,
  ServerInfo_Edition,
  SessionDescription,
  SignalRequest,
  SignalResponse,
  SignalTarget,
  TrackInfo,
  TrackPublishedResponse,
  TrickleRequest,
  protoInt64,
} from '@livekit/protocol';
import { MediaStream, MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import { describeSections, fixAnswerSdp } from './sdp.mjs';

export const SERVER_VERSION = '1.9.0';

/** @param {string} prefix */
export const newSid = (prefix) => `${prefix}_${randomBytes(6).toString('base64url')}`;

/**
 * @typedef {object} SessionHost  what a session needs from its room
 * @property {string} name
 * @property {string} sid
 * @property {(except: string) => ParticipantInfo[]} otherParticipants
 * @property {(session: SignalSession) => void} onReady        PC connected + data channel open
 * @property {(session: SignalSession, track: TrackInfo) => void} onTrackPublished
 * @property {(session: SignalSession, packet: DataPacket) => void} onData
 * @property {(session: SignalSession) => void} onAgentTrackNegotiated
 * @property {(session: SignalSession) => void} onClosed
 * @property {(event: string, detail?: unknown) => void} log
 */

export class SignalSession {
  /**
   * @param {object} opts
   * @param {import('ws').WebSocket} opts.ws
   * @param {SessionHost} opts.room
   * @param {string} opts.identity
   * @param {string} opts.name
   * @param {Record<string, string>} [opts.attributes]
   * @param {import('./server.mjs').ServerStats} opts.stats shared server counters
   */
  constructor({ ws, room, identity, name, attributes = {}, stats }) {
    this.ws = ws;
    this.room = room;
    this.identity = identity;
    this.name = name;
    this.attributes = attributes;
    this.stats = stats;
    this.sid = newSid('PA');
    this.version = 1;
    this.joinedAt = BigInt(Math.floor(Date.now() / 1000));
    /** @type {TrackInfo[]} */
    this.tracks = [];
    this.closed = false;
    this.ready = false;
    /** @type {import('werift').RTCDataChannel | undefined} */
    this.reliable = undefined;
    /** @type {DataPacket[]} packets waiting for the data channel to open */
    this.pendingData = [];
    /** agent track the browser should receive, once a receive slot is negotiated */
    /** @type {{ participantSid: string, trackSid: string } | undefined} */
    this.agentTrack = undefined;
    /** @type {import('werift').RTCRtpTransceiver | undefined} */
    this.agentTransceiver = undefined;
    /** @type {MediaStreamTrack | undefined} werift track fed by the agent's tone source */
    this.agentMedia = undefined;
    /** @type {Record<string, string>} */
    this.midToTrackId = {};
    /** offers are handled strictly one after another */
    this.offerChain = Promise.resolve();

    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })],
        video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 })],
      },
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
    });
    this.wirePeerConnection();
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.close('signal closed'));
    ws.on('error', () => this.close('signal error'));
  }

  wirePeerConnection() {
    const pc = this.pc;
    pc.onIceCandidate.subscribe((candidate) => {
      if (!candidate) return;
      this.send('trickle', new TrickleRequest({ candidateInit: JSON.stringify(candidate.toJSON()), target: SignalTarget.PUBLISHER }));
    });
    pc.onDataChannel.subscribe((dc) => {
      if (dc.label !== '_reliable') return;
      this.reliable = dc;
      dc.onMessage.subscribe((data) => {
        if (typeof data === 'string') return;
        try {
          this.room.onData(this, DataPacket.fromBinary(new Uint8Array(data)));
        } catch (e) {
          this.room.log('bad data packet', e);
        }
      });
      const flush = () => {
        for (const p of this.pendingData.splice(0)) this.sendData(p);
        this.checkReady();
      };
      if (dc.readyState === 'open') flush();
      else dc.stateChanged.subscribe((s) => s === 'open' && flush());
    });
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        this.stats.micRtpPackets++;
      });
    });
    pc.connectionStateChange.subscribe((state) => {
      this.room.log(`pc ${this.identity} ${state}`);
      if (state === 'connected') this.checkReady();
    });
  }

  checkReady() {
    if (this.ready || this.closed) return;
    if (this.pc.connectionState === 'connected' && this.reliable?.readyState === 'open') {
      this.ready = true;
      this.room.onReady(this);
    }
  }

  /** @returns {ParticipantInfo} */
  info() {
    return new ParticipantInfo({
      sid: this.sid,
      identity: this.identity,
      name: this.name,
      state: this.closed ? ParticipantInfo_State.DISCONNECTED : ParticipantInfo_State.ACTIVE,
      kind: ParticipantInfo_Kind.STANDARD,
      tracks: this.tracks,
      attributes: this.attributes,
      joinedAt: this.joinedAt,
      version: this.version,
      isPublisher: this.tracks.length > 0,
      permission: new ParticipantPermission({ canSubscribe: true, canPublish: true, canPublishData: true, canUpdateMetadata: true }),
    });
  }

  /**
   * @param {NonNullable<SignalResponse['message']>['case']} kind
   * @param {any} value
   */
  send(kind, value) {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const msg = new SignalResponse({ message: /** @type {any} */ ({ case: kind, value }) });
    this.ws.send(msg.toBinary());
  }

  /**
   * Sends the JoinResponse, then answers the publisher offer that
   * livekit-client bundles into its join request.
   * @param {import('@livekit/protocol').JoinRequest | undefined} joinRequest
   */
  start(joinRequest) {
    this.send(
      'join',
      new JoinResponse({
        room: new RoomProto({
          sid: this.room.sid,
          name: this.room.name,
          emptyTimeout: 300,
          creationTime: this.joinedAt,
        }),
        participant: this.info(),
        otherParticipants: this.room.otherParticipants(this.identity),
        serverVersion: SERVER_VERSION,
        serverRegion: 'local',
        serverInfo: new ServerInfo({
          edition: ServerInfo_Edition.Standard,
          version: SERVER_VERSION,
          protocol: 16,
          region: 'local',
          nodeId: 'ND_talkdock_test',
        }),
        pingInterval: 5,
        pingTimeout: 15,
        subscriberPrimary: false,
        // no ICE-restart support in this server: a dropped signal makes the
        // client rejoin from scratch (full reconnect)
        clientConfiguration: new ClientConfiguration({ resumeConnection: ClientConfigSetting.DISABLED }),
      }),
    );
    const offer = joinRequest?.publisherOffer;
    if (offer?.sdp) this.enqueueOffer(offer);
  }

  /**
   * @param {import('ws').RawData} data
   * @param {boolean} isBinary
   */
  onMessage(data, isBinary) {
    /** @type {SignalRequest} */
    let req;
    try {
      req = isBinary
        ? SignalRequest.fromBinary(new Uint8Array(/** @type {Buffer} */ (data)))
        : SignalRequest.fromJsonString(data.toString(), { ignoreUnknownFields: true });
    } catch (e) {
      this.room.log('bad signal request', e);
      return;
    }
    const m = req.message;
    switch (m.case) {
      case 'offer':
        this.enqueueOffer(m.value);
        break;
      case 'trickle': {
        const init = JSON.parse(m.value.candidateInit);
        this.pc.addIceCandidate(init).catch((e) => this.room.log('addIceCandidate failed', e));
        break;
      }
      case 'addTrack': {
        const r = m.value;
        const track = new TrackInfo({
          sid: newSid('TR'),
          type: r.type,
          name: r.name,
          muted: r.muted,
          source: r.source,
          mimeType: 'audio/opus',
          disableDtx: r.disableDtx,
          stereo: r.stereo,
          stream: r.stream,
        });
        this.tracks.push(track);
        this.version++;
        this.stats.publishedTracks++;
        this.send('trackPublished', new TrackPublishedResponse({ cid: r.cid, track }));
        this.room.onTrackPublished(this, track);
        break;
      }
      case 'mute': {
        const t = this.tracks.find((x) => x.sid === m.value.sid);
        if (t) t.muted = m.value.muted;
        this.version++;
        break;
      }
      case 'ping':
        this.send('pong', protoInt64.parse(Date.now()));
        break;
      case 'pingReq':
        this.send('pongResp', new Pong({ lastPingTimestamp: m.value.timestamp, timestamp: protoInt64.parse(Date.now()) }));
        break;
      case 'leave':
        this.stats.leaves++;
        this.close('client left');
        break;
      default:
        break;
    }
  }

  /** @param {SessionDescription} sd */
  enqueueOffer(sd) {
    this.offerChain = this.offerChain
      .then(() => this.answerOffer(sd))
      .catch((e) => this.room.log(`answering offer ${sd.id} failed`, e));
  }

  /** @param {SessionDescription} sd */
  async answerOffer(sd) {
    if (this.closed) return;
    this.stats.offers++;
    this.room.log(`offer ${sd.id}`, describeSections(sd.sdp).map((m) => `${m.mid}:${m.kind}:${m.port}:${m.direction}`).join(' '));
    await this.pc.setRemoteDescription({ type: 'offer', sdp: sd.sdp });
    const offered = new Map(describeSections(sd.sdp).map((s) => [s.mid, s]));
    let assignedNow = false;
    if (this.agentTrack && !this.agentTransceiver) {
      const slot = this.pc
        .getTransceivers()
        .find((t) => t.kind === 'audio' && t.mid != null && offered.get(t.mid)?.direction === 'recvonly' && offered.get(t.mid)?.port !== 0);
      if (slot) {
        const { participantSid, trackSid } = this.agentTrack;
        this.agentMedia = new MediaStreamTrack({ kind: 'audio' });
        await slot.sender.replaceTrack(this.agentMedia);
        // livekit-client reads "<participantSid>|<trackSid>" from the msid stream id
        slot.sender.setStreams([new MediaStream({ id: `${participantSid}|${trackSid}` })]);
        slot.setDirection('sendonly');
        this.agentTransceiver = slot;
        this.midToTrackId[/** @type {string} */ (slot.mid)] = trackSid;
        assignedNow = true;
      }
    }
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    // werift recycles transceivers whose negotiated direction is `inactive`
    // for the next new m-line (renaming their mid), which loses livekit-client's
    // idle receive slots. Mark them all as used so every mid keeps its own.
    for (const t of this.pc.getTransceivers()) t.usedForSender = true;
    const sdp = fixAnswerSdp(/** @type {{ sdp: string }} */ (this.pc.localDescription).sdp, sd.sdp);
    this.send('answer', new SessionDescription({ type: 'answer', sdp, id: sd.id, midToTrackId: this.midToTrackId }));
    if (assignedNow) this.room.onAgentTrackNegotiated(this);
  }

  /**
   * Subscribes this client to the agent's audio track: the next offer gets it
   * in a receive slot; a MediaSectionsRequirement makes the client offer now.
   * Before `start()` (agent already in the room) the initial offer is enough.
   * @param {string} participantSid
   * @param {string} trackSid
   * @param {boolean} renegotiate
   */
  subscribeAgentTrack(participantSid, trackSid, renegotiate) {
    if (this.agentTrack) return;
    this.agentTrack = { participantSid, trackSid };
    if (renegotiate) this.send('mediaSectionsRequirement', new MediaSectionsRequirement({ numAudios: 1, numVideos: 0 }));
  }

  /** @param {import('werift').RtpPacket} packet */
  writeAgentRtp(packet) {
    this.agentMedia?.writeRtp(packet.serialize());
  }

  /** @param {ParticipantInfo[]} participants */
  sendParticipantUpdate(participants) {
    this.send('update', new ParticipantUpdate({ participants }));
  }

  /** @param {DataPacket} packet */
  sendData(packet) {
    if (this.closed) return;
    if (!this.reliable || this.reliable.readyState !== 'open') {
      this.pendingData.push(packet);
      return;
    }
    this.reliable.send(Buffer.from(packet.toBinary()));
  }

  /**
   * Server-initiated removal: tells the client why, then closes.
   * @param {DisconnectReason} reason
   */
  leave(reason) {
    this.send('leave', new LeaveRequest({ canReconnect: false, reason, action: LeaveRequest_Action.DISCONNECT }));
    setTimeout(() => this.close(`removed: ${DisconnectReason[reason]}`), 100).unref?.();
  }

  /** Closes the socket abruptly, as a network failure would. */
  drop() {
    this.ws.terminate();
  }

  /** @param {string} why */
  close(why) {
    if (this.closed) return;
    this.closed = true;
    this.room.log(`session ${this.identity} closed: ${why}`);
    this.agentMedia?.stop();
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1000, why);
    this.pc.close().catch(() => {});
    this.room.onClosed(this);
  }
}
