import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium (tools/install/chromium.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps opening connections that a closed network refuses; without
// the sandbox it runs as root. The profile is Playwright's own new, empty one.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium once, for every comment a check draws; the caller closes it. */
export async function startBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the rendering check needs Debian's chromium (bash tools/install/chromium.sh)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
