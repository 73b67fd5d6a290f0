// Types for browser.mjs.
import type { Browser } from 'playwright-core';

export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(opts?: { args?: string[] }): Promise<Browser>;
export declare function livekitUmdPath(): string;
export declare function startPageServer(
  pages: Record<string, string | { type: string; body: string | Uint8Array }>,
): Promise<{ origin: string; close: () => Promise<void> }>;
