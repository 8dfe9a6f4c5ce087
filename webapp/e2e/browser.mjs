// What the end-to-end tests share: the running Replyflow (started by ModelerBrowserTest), its REST API, and
// Debian's Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const BASE_URL = process.env.REPLYFLOW_BASE_URL || 'http://localhost:8080';
export const ADMIN_PASSWORD = process.env.REPLYFLOW_ADMIN_PASSWORD;
export const SCREENSHOTS = process.env.REPLYFLOW_SCREENSHOTS || 'e2e/screenshots';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // no sandbox as root in CI; no background networking: this machine's network is closed
    args: [ '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync' ]
  });
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}/${name}`;
}

/** Replyflow's REST API as the admin. */
export async function api(method, path, body) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64'),
      'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Polls until check() returns a truthy value. */
export async function eventually(check, what, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}
