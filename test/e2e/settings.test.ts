// Edit › Settings in Chromium: how long the host keeps a key store unlocked without use. The
// setting is saved by the host (settings.json), applied to the stores at once and after a restart;
// 0 locks the store after every operation, so signing asks for the password again; `serve
// --keep-unlocked` overrides it for a run. A real PFX from `certs make-test-ev`, a real prompt window.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSecretPrompt, openApp, openFile } from '../support/app';
import { launchChromium } from '../support/browser';
import { ROOT, startServe, type ServedApp } from '../support/serve';
import { makeSigningFiles } from '../support/signing-app';

const PASSWORD = 'Keep-Unlocked-Setting-7c2e';

let browser: Browser;
let kit: string;
let workDirectory: string;
let dataDirectory: string;
const servers: ServedApp[] = [];

beforeAll(async () => {
  ({ kit, workDirectory } = makeSigningFiles(PASSWORD));
  dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-settings-data-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const served of servers) await served.stop();
});

async function serve(args: string[] = []): Promise<ServedApp> {
  const served = await startServe({ dataDirectory, args });
  servers.push(served);
  return served;
}

async function api<T>(served: ServedApp, channel: string): Promise<T> {
  const response = await fetch(`${served.origin}/api/${channel}`, { method: 'POST', body: '{}', headers: { 'x-provstudio-token': served.token } });
  return ((await response.json()) as { result: T }).result;
}

/** The minutes the host saved in its settings file (undefined before the first save). */
function savedMinutes(): number | undefined {
  const file = path.join(dataDirectory, 'settings.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { keepUnlockedMinutes?: number }).keepUnlockedMinutes : undefined;
}

async function setKeepUnlocked(page: Page, minutes: string): Promise<void> {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.waitFor();
  await page.getByTestId('settings-keep-unlocked').fill(minutes);
  await page.getByTestId('settings-save').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Opens the Sign dialog on the PFX and lists its certificates, answering the prompt window. */
async function listWithPassword(page: Page): Promise<void> {
  await page.getByTestId('toolbar-sign').click();
  await page.getByTestId('sign-dialog').waitFor();
  await page.getByTestId('sign-pfx-path').fill(path.join(kit, 'signer.pfx'));
  const opened = page.context().waitForEvent('page');
  await page.getByTestId('sign-list').click();
  await answerSecretPrompt(opened, PASSWORD);
  await page.getByTestId('sign-identities').waitFor();
}

describe('Settings: keep key stores unlocked', () => {
  it('is 5 minutes by default, saved by the host, applied at once and after a restart; 0 asks every time', async () => {
    const served = await serve();
    await expect.poll(() => served.output()).toContain('Stores stay unlocked 5 min without use');
    const page = await openApp(browser, served, { width: 1366, height: 768 });
    await openFile(page, workDirectory, 'contoso.xml');

    // Edit › Settings from the menu bar shows the default.
    await page.getByRole('menubar').getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByRole('menuitem', { name: /Settings/ }).click();
    await page.getByTestId('settings-dialog').waitFor();
    expect(await page.getByTestId('settings-keep-unlocked').inputValue()).toBe('5');
    await page.getByTestId('settings-dialog').screenshot({ path: path.join(ROOT, 'docs/screenshots/settings-dialog.png') });
    // Not a whole number of minutes: said, and Save is disabled.
    await page.getByTestId('settings-keep-unlocked').fill('-3');
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-dialog').textContent()).toContain('whole number of minutes from 0 to 9999');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });

    // 0: the store locks after every operation, so signing asks for the password again.
    await setKeepUnlocked(page, '0');
    await expect.poll(() => savedMinutes()).toBe(0);
    expect((await api<{ keepUnlockedMs: number }>(served, 'signing.keyStores')).keepUnlockedMs).toBe(0);
    await listWithPassword(page);
    expect(await api<unknown[]>(served, 'signing.unlockedStores')).toEqual([]);
    const askedAgain = page.context().waitForEvent('page');
    await page.getByTestId('sign-confirm').click();
    await answerSecretPrompt(askedAgain, PASSWORD);
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    expect(await api<unknown[]>(served, 'signing.unlockedStores')).toEqual([]);

    // 2 minutes: the store stays unlocked about 2 minutes after its last use.
    await setKeepUnlocked(page, '2');
    await expect.poll(() => savedMinutes()).toBe(2);
    await listWithPassword(page);
    const stores = await api<{ target: string; locksAt: number }[]>(served, 'signing.unlockedStores');
    expect(stores.map((store) => path.basename(store.target))).toEqual(['signer.pfx']);
    const remaining = stores[0]!.locksAt - Date.now();
    expect(remaining).toBeGreaterThan(60_000);
    expect(remaining).toBeLessThanOrEqual(120_000);
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    await page.close();
    await served.stop();

    // A new run of the host reads the setting; `--keep-unlocked` overrides it for its run only.
    const restarted = await serve();
    await expect.poll(() => restarted.output()).toContain('Stores stay unlocked 2 min without use');
    expect((await api<{ keepUnlockedMs: number }>(restarted, 'signing.keyStores')).keepUnlockedMs).toBe(120_000);
    await restarted.stop();
    const overridden = await serve(['--keep-unlocked', '7']);
    expect((await api<{ keepUnlockedMs: number }>(overridden, 'signing.keyStores')).keepUnlockedMs).toBe(420_000);
    expect(savedMinutes()).toBe(2);
  });
});
