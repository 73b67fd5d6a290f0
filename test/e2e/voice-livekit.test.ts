// Proves the LiveKit test server against the real livekit-client (UMD build)
// in real Chromium: join, publish the microphone, play the agent's audio,
// receive transcripts and agent states, send chat, server-side disconnects,
// dropped connections and bad tokens.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startPageServer } from '../livekit/browser.mjs';
import { startLiveKitTestServer, type LiveKitTestServer } from '../livekit/server.mjs';

type HarnessEvent = { type: string; detail: unknown; at: number };

let lk: LiveKitTestServer;
let quietLk: LiveKitTestServer;
let pages: { origin: string; close: () => Promise<void> };
let browser: Browser;
let roomCounter = 0;

const PAGE = '<!doctype html><meta charset="utf-8"><script src="/livekit-client.umd.js"></script><script src="/harness.js"></script>';

beforeAll(async () => {
  ;[lk, quietLk, pages, browser] = await Promise.all([
    startLiveKitTestServer(),
    startLiveKitTestServer({ agent: { join: false } }),
    startPageServer({ '/': PAGE }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([lk?.close(), quietLk?.close(), pages?.close()]);
});

/** A fresh page joined to a fresh room; returns the page and the room name. */
async function joinRoom(server: LiveKitTestServer, identity = 'visitor') {
  const room = `room-${++roomCounter}`;
  const page = await browser.newPage();
  await page.goto(`${pages.origin}/`);
  const token = await server.mintToken(room, identity);
  const result = await page.evaluate(([url, t]) => window.H.connect(url, t), [server.url, token] as const);
  return { page, room, result };
}

const events = (page: Page) => page.evaluate(() => window.H.events as HarnessEvent[]);

async function waitForEvent(page: Page, type: string, match?: (detail: any) => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await events(page)).find((e) => e.type === type && (!match || match(e.detail)));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${type}; saw ${(await events(page)).map((e) => e.type).join(', ')}`);
}

async function until<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let v = await fn();
  while (!ok(v)) {
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
    v = await fn();
  }
  return v;
}

describe('LiveKit test server with the real livekit-client in Chromium', () => {
  it('joins, publishes the mic, plays agent audio, streams transcripts and chat, and cleans up', async () => {
    const micBefore = lk.stats.micRtpPackets;
    const { page, result } = await joinRoom(lk);
    expect(result).toEqual({ ok: true });
    expect(await page.evaluate(() => window.H.publishMic())).toBe(1);

    // the agent joins as a participant of kind AGENT (4) and its audio track is subscribed
    await waitForEvent(page, 'participant', (d) => d.identity === 'agent-amara' && d.kind === 4);
    await waitForEvent(page, 'subscribed', (d) => d.from === 'agent-amara' && d.kind === 'audio');

    // greeting: interim chunk(s), then final; states listening → speaking → listening
    const greeting = await waitForEvent(page, 'transcript', (d) => d.from === 'agent-amara');
    expect(greeting.detail).toMatchObject({ text: "Hi, I'm Amara. How can I help you today?", final: true });
    const chunks = (await events(page)).filter((e) => e.type === 'transcript-chunk');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect((chunks[0].detail as any).text.length).toBeLessThan((greeting.detail as any).text.length);
    await until(
      async () => (await events(page)).filter((e) => e.type === 'agent-state').map((e) => e.detail),
      (s) => s.join() === 'listening,speaking,listening',
    );

    // agent audio really plays: element playing, time advancing, RTP bytes growing, non-silent energy
    const a1 = await page.evaluate(() => window.H.audio());
    expect(a1.paused).toBe(false);
    const a2 = await until(
      () => page.evaluate(() => window.H.audio()),
      (a) => a.currentTime > a1.currentTime + 0.3 && (a.bytesReceived ?? 0) > (a1.bytesReceived ?? 0),
    );
    expect(a2.totalAudioEnergy).toBeGreaterThan(0);

    // the browser's microphone RTP reaches the server
    await until(() => lk.stats.micRtpPackets - micBefore, (n) => n > 20);

    // chat: lk.chat text stream reaches the server; the agent thinks, then answers with a transcript
    const chatBefore = lk.stats.textMessagesReceived;
    await page.evaluate(() => window.H.sendChat('Do you have trail shoes?'));
    await until(() => lk.stats.textMessagesReceived, (n) => n === chatBefore + 1);
    expect(lk.stats.chatMessages.at(-1)).toMatchObject({ identity: 'visitor', text: 'Do you have trail shoes?' });
    const reply = await waitForEvent(page, 'transcript', (d) => d.final && /trail shoes/.test(d.text));
    expect(reply.detail).toMatchObject({ from: 'agent-amara' });
    const states = (await events(page)).filter((e) => e.type === 'agent-state').map((e) => e.detail);
    expect(states.slice(3, 5)).toEqual(['thinking', 'speaking']);

    // disconnect: no live local tracks remain, the server sees the leave
    const leavesBefore = lk.stats.leaves;
    const after = await page.evaluate(() => window.H.disconnect());
    expect(after.localTrackStates).toEqual(['ended']);
    expect(after.publications).toBe(0);
    await until(() => lk.stats.leaves, (n) => n === leavesBefore + 1);
    await page.close();
  });

  it('never shows an agent when the agent is configured not to join', async () => {
    const { page, result } = await joinRoom(quietLk);
    expect(result).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await events(page)).filter((e) => e.type === 'participant')).toEqual([]);
    await page.evaluate(() => window.H.disconnect());
    await page.close();
  });

  it.each([
    ['ROOM_DELETED', 5],
    ['PARTICIPANT_REMOVED', 4],
    ['SERVER_SHUTDOWN', 3],
  ] as const)('delivers a server-side %s disconnect with its reason', async (reason, code) => {
    const { page, result } = await joinRoom(lk, `visitor-${reason}`);
    expect(result).toEqual({ ok: true });
    expect(lk.disconnectParticipant(`visitor-${reason}`, reason)).toBe(1);
    const ev = await waitForEvent(page, 'disconnected');
    expect(ev.detail).toBe(code);
    await page.close();
  });

  it('goes Reconnecting → Reconnected when the server drops connections', async () => {
    const { page, result } = await joinRoom(lk, 'visitor-drop');
    expect(result).toEqual({ ok: true });
    await waitForEvent(page, 'subscribed');
    const joinsBefore = lk.stats.joins;
    expect(lk.dropConnections()).toBeGreaterThanOrEqual(1);
    await waitForEvent(page, 'reconnecting');
    await waitForEvent(page, 'reconnected');
    expect(lk.stats.joins).toBe(joinsBefore + 1);
    await page.evaluate(() => window.H.disconnect());
    await page.close();
  });

  it('rejects a bad token with ConnectionError reason NotAllowed', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.origin}/`);
    const result = await page.evaluate((url) => window.H.connect(url, 'not-a-jwt'), lk.url);
    // ConnectionErrorReason.NotAllowed === 0
    expect(result).toMatchObject({ ok: false, name: 'ConnectionError', reason: 0 });
    await page.close();
  });
});
