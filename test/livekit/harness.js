// Browser-side test harness (classic script, runs after livekit-client's UMD
// build). Drives one livekit-client Room and records what happens in
// `window.H.events` so Node-side tests can poll it.
(function () {
  var LK = window.LivekitClient;
  var H = {
    room: null,
    events: [],
    transcripts: {},
    agentTrack: null,
    audioEls: [],
    localTracks: [],

    log: function (type, detail) {
      H.events.push({ type: type, detail: detail === undefined ? null : detail, at: performance.now() });
    },

    has: function (type) {
      return H.events.some(function (e) { return e.type === type; });
    },

    connect: async function (url, token) {
      var room = new LK.Room();
      H.room = room;
      var E = LK.RoomEvent;
      room.on(E.Connected, function () { H.log('connected'); });
      room.on(E.Reconnecting, function () { H.log('reconnecting'); });
      room.on(E.Reconnected, function () { H.log('reconnected'); });
      room.on(E.Disconnected, function (reason) { H.log('disconnected', reason === undefined ? null : reason); });
      room.on(E.ParticipantConnected, function (p) { H.log('participant', { identity: p.identity, kind: p.kind }); });
      room.on(E.ParticipantDisconnected, function (p) { H.log('participant-left', p.identity); });
      room.on(E.ParticipantAttributesChanged, function (changed, p) {
        if ('lk.agent.state' in changed) H.log('agent-state', changed['lk.agent.state']);
      });
      room.on(E.AudioPlaybackStatusChanged, function () { H.log('audio-playback', room.canPlaybackAudio); });
      room.on(E.TrackSubscribed, function (track, pub, p) {
        H.log('subscribed', { sid: track.sid, kind: track.kind, from: p.identity });
        if (track.kind === 'audio') {
          H.agentTrack = track;
          var el = track.attach();
          document.body.appendChild(el);
          H.audioEls.push(el);
        }
      });
      room.on(E.LocalTrackPublished, function (pub) {
        H.localTracks.push(pub.track.mediaStreamTrack);
        H.log('local-published', pub.trackSid);
      });
      room.registerTextStreamHandler('lk.transcription', async function (reader, who) {
        var id = reader.info.attributes['lk.segment_id'];
        var text = '';
        for await (var chunk of reader) {
          text += chunk;
          H.transcripts[id] = { from: who.identity, text: text, final: false };
          H.log('transcript-chunk', { id: id, text: text });
        }
        var final = reader.info.attributes['lk.transcription_final'] === 'true';
        H.transcripts[id] = { from: who.identity, text: text, final: final };
        H.log('transcript', { id: id, from: who.identity, text: text, final: final });
      });
      try {
        await room.connect(url, token);
        return { ok: true };
      } catch (e) {
        return { ok: false, name: e.name, reason: e.reason, message: e.message };
      }
    },

    publishMic: async function () {
      await H.room.localParticipant.setMicrophoneEnabled(true);
      return H.room.localParticipant.getTrackPublications().length;
    },

    sendChat: async function (text) {
      var info = await H.room.localParticipant.sendText(text, { topic: 'lk.chat' });
      return info.id;
    },

    /** What the agent's audio looks like right now. */
    audio: async function () {
      var el = H.audioEls[0];
      var out = { hasTrack: !!H.agentTrack, paused: el ? el.paused : null, currentTime: el ? el.currentTime : 0 };
      var receiver = H.agentTrack && H.agentTrack.receiver;
      if (receiver) {
        var stats = await receiver.getStats();
        stats.forEach(function (s) {
          if (s.type === 'inbound-rtp') {
            out.bytesReceived = s.bytesReceived;
            out.packetsReceived = s.packetsReceived;
            out.totalAudioEnergy = s.totalAudioEnergy;
            out.codec = s.codecId;
          }
        });
      }
      return out;
    },

    disconnect: async function () {
      await H.room.disconnect();
      return {
        localTrackStates: H.localTracks.map(function (t) { return t.readyState; }),
        publications: H.room.localParticipant.getTrackPublications().length,
      };
    },
  };
  window.H = H;
})();
