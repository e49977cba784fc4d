// `provstudio serve --open` in a real browser: the browser is started with a one-time launch
// address (never the token), which logs it in; the app then works, and the address is spent.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { CLI_BIN } from '../support/cli';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

it.skipIf(process.platform !== 'linux')('the launch address logs the browser in once; the token is on no command line', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'provstudio-launch-'));
  const recorded = path.join(work, 'argv.txt');
  writeFileSync(path.join(work, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${recorded}'\n`);
  chmodSync(path.join(work, 'xdg-open'), 0o755);
  const server = spawn(process.execPath, [CLI_BIN, 'serve', '--open', '--data-dir', path.join(work, 'data')], {
    env: { ...process.env, PATH: `${work}:${process.env.PATH}`, PROVSTUDIO_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await expect.poll(() => existsSync(recorded) && /token=[\w-]+/.test(output), { timeout: 20_000 }).toBe(true);
    const token = /token=([\w-]+)/.exec(output)![1]!;
    const launch = readFileSync(recorded, 'utf8').trim();
    expect(launch).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+$/);
    expect(launch).not.toContain(token);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(launch);
    await page.locator('[data-testid="app"][data-ready="true"]').waitFor();
    // The page took the token from the redirect and removed it from the address bar.
    expect(page.url()).not.toContain(token);
    const info = await page.evaluate(async () => {
      const response = await fetch('/api/app.info', { method: 'POST', headers: { 'x-provstudio-token': sessionStorage.getItem('provstudio-token') ?? '' }, body: '{}' });
      return response.json() as Promise<{ ok: boolean; result: { host: string } }>;
    });
    expect(info).toMatchObject({ ok: true, result: { host: 'browser' } });
    await context.close();

    const other = await browser.newContext();
    const second = await other.newPage();
    const response = await second.goto(launch);
    expect(response?.status()).toBe(401);
    await other.close();
  } finally {
    server.kill('SIGTERM');
  }
});
