import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the browser tests find Chromium: `CHROMIUM_PATH`, or Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless Chromium for the browser tests (playwright-core drives the system's Chromium; it downloads
 * none). A missing browser fails with what to do about it, not with a stack trace from deep inside.
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Chromium: apt-get install chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)`);
  }
  return chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
