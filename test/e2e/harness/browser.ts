/** Debian's Chromium, headless, driven through playwright-core. */
import * as fs from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './versions';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install the Debian package "chromium" (or set DOCKSIDE_E2E_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
