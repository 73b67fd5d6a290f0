// Types of the browser-side harness (harness.js) as seen from page.evaluate().
export {};

interface HarnessAudio {
  hasTrack: boolean;
  paused: boolean | null;
  currentTime: number;
  bytesReceived?: number;
  packetsReceived?: number;
  totalAudioEnergy?: number;
}

interface Harness {
  events: { type: string; detail: unknown; at: number }[];
  transcripts: Record<string, { from: string; text: string; final: boolean }>;
  connect(url: string, token: string): Promise<{ ok: true } | { ok: false; name: string; reason: number; message: string }>;
  publishMic(): Promise<number>;
  sendChat(text: string): Promise<string>;
  audio(): Promise<HarnessAudio>;
  disconnect(): Promise<{ localTrackStates: string[]; publications: number }>;
}

declare global {
  interface Window {
    H: Harness;
  }
}
