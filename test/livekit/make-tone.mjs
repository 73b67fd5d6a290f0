// Regenerates test/livekit/tone.opus.bin: one second of a two-beep pattern
// (48 kHz mono) encoded as 20 ms Opus packets by Chromium's WebCodecs
// AudioEncoder. Node has no Opus encoder, so the fixture is committed and the
// test server just replays the packets as RTP payloads.
//
// File format: repeated [uint16 big-endian length][packet bytes].
// Run: node test/livekit/make-tone.mjs
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

// WebCodecs needs a secure context: serve a blank page on 127.0.0.1.
const http = createServer((_req, res) => res.end('<!doctype html><title>tone</title>'));
await new Promise((r) => http.listen(0, '127.0.0.1', r));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${http.address().port}/`);
  const packets = await page.evaluate(async () => {
    const rate = 48000;
    const frame = 960; // 20 ms
    const total = rate; // 1 s
    const pcm = new Float32Array(total);
    for (let i = 0; i < total; i++) {
      const t = i / rate;
      // beeps at 0-250 ms (523 Hz) and 400-650 ms (659 Hz), short fades
      const beep = (start, len, hz) => {
        if (t < start || t >= start + len) return 0;
        const x = t - start;
        const env = Math.min(1, x / 0.01, (len - x) / 0.01);
        return 0.4 * env * Math.sin(2 * Math.PI * hz * x);
      };
      pcm[i] = beep(0, 0.25, 523.25) + beep(0.4, 0.25, 659.25);
    }
    const out = [];
    const encoder = new AudioEncoder({
      output: (chunk) => {
        const b = new Uint8Array(chunk.byteLength);
        chunk.copyTo(b);
        out.push(Array.from(b));
      },
      error: (e) => { throw e; },
    });
    encoder.configure({ codec: 'opus', sampleRate: rate, numberOfChannels: 1, bitrate: 32000, opus: { frameDuration: 20000 } });
    for (let off = 0; off < total; off += frame) {
      encoder.encode(new AudioData({ format: 'f32', sampleRate: rate, numberOfFrames: frame, numberOfChannels: 1, timestamp: (off / rate) * 1e6, data: pcm.slice(off, off + frame) }));
    }
    await encoder.flush();
    return out;
  });
  const parts = [];
  for (const p of packets) {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(p.length);
    parts.push(len, Buffer.from(p));
  }
  const file = new URL('./tone.opus.bin', import.meta.url);
  writeFileSync(file, Buffer.concat(parts));
  console.log(`wrote ${packets.length} packets to ${file.pathname}`);
} finally {
  await browser.close();
  http.close();
}
