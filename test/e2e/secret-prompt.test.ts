// The PIN / password prompt of the browser host, end to end in Chromium: the Sign dialog says what
// it waits for, the host's prompt page (another origin) opens as a window, the password typed there
// goes to the host, listing and signing ask once, Lock locks, Cancel ends the question on the host.
// The app's page never receives the secret: neither the network traffic of the app's origin nor a
// JS heap snapshot of the app's page (CDP HeapProfiler) contains it, nor the host's output.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerSecretPrompt, openApp, openFile } from '../support/app';
import { ROOT } from '../support/serve';
import { useSigningApp } from '../support/signing-app';

const PASSWORD = 'Pr0mpt-Window-Only-9d41';
const app = useSigningApp(PASSWORD);

interface Exchange {
  url: string;
  text: string;
}

/** Every request and response of the context, with headers and bodies, split by origin. */
function recordTraffic(context: BrowserContext): { exchanges: Exchange[]; settled(): Promise<void> } {
  const exchanges: Exchange[] = [];
  const pending: Promise<unknown>[] = [];
  context.on('request', (request) => {
    exchanges.push({ url: request.url(), text: `${request.method()} ${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}` });
  });
  context.on('response', (response) => {
    pending.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
        const body = await response.body().then((bytes) => bytes.toString('latin1'), () => '');
        exchanges.push({ url: response.url(), text: `${response.status()} ${response.url()}\n${headers}\n${body}` });
      })(),
    );
  });
  return { exchanges, settled: async () => void (await Promise.all(pending)) };
}

async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

describe('the secret prompt window of the browser host', () => {
  it('asks once in its own window, signs, locks on request, cancels, and never gives the secret to the page', async () => {
    const page = await openApp(app.browser, app.served, { width: 1400, height: 900 });
    const context = page.context();
    const traffic = recordTraffic(context);
    await openFile(page, app.workDirectory, 'contoso.xml');

    await page.getByTestId('toolbar-sign').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    const pfxPath = path.join(app.kit, 'signer.pfx');
    await page.getByTestId('sign-pfx-path').fill(pfxPath);
    const opened = context.waitForEvent('page');
    await page.getByTestId('sign-list').click();
    const prompt = await opened;
    // The dialog says what it waits for, and where.
    await expect.poll(() => page.getByTestId('sign-secret-waiting').textContent(), { timeout: 15_000 }).toContain('Waiting for the password of signer.pfx in the prompt window');
    await prompt.getByTestId('secret-input').waitFor();
    await dialog.screenshot({ path: path.join(ROOT, 'docs/screenshots/sign-secret-waiting.png') });
    await prompt.screenshot({ path: path.join(ROOT, 'docs/screenshots/secret-prompt-window.png') });
    expect(new URL(prompt.url()).origin).not.toBe(app.served.origin);
    expect(new URL(prompt.url()).hostname).toBe('127.0.0.1');
    await answerSecretPrompt(Promise.resolve(prompt), PASSWORD);
    await page.getByTestId('sign-identities').waitFor();
    await expect.poll(() => prompt.isClosed(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('sign-secret-waiting').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => dialog.getByTestId('unlocked-stores').textContent(), { timeout: 15_000 }).toContain('signer.pfx');

    // Signing uses the unlocked store: no second window.
    let windows = 0;
    context.on('page', () => (windows += 1));
    await page.getByTestId('sign-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    expect(windows).toBe(0);
    await page.getByTestId('signature-panel').waitFor();
    await expect.poll(() => page.getByTestId('signature-verdict').textContent(), { timeout: 20_000 }).toContain('0x82170004');

    // The app's page never held the secret: not in its traffic, not in its JS heap, not in its DOM.
    await traffic.settled();
    const appTraffic = traffic.exchanges.filter((exchange) => exchange.url.startsWith(app.served.origin));
    const promptTraffic = traffic.exchanges.filter((exchange) => !exchange.url.startsWith(app.served.origin));
    expect(appTraffic.some((exchange) => exchange.text.includes('signing.listIdentities'))).toBe(true);
    expect(appTraffic.filter((exchange) => exchange.text.includes(PASSWORD)).map((exchange) => exchange.url)).toEqual([]);
    // (The recording sees bodies: the prompt window's own post carries the password to the host.)
    expect(promptTraffic.some((exchange) => exchange.text.includes(`secret=${PASSWORD}`))).toBe(true);
    const heap = await heapSnapshot(page);
    expect(heap).toContain(pfxPath);
    expect(heap.includes(PASSWORD)).toBe(false);
    expect(await page.content()).not.toContain(PASSWORD);

    // Lock in the Signature panel: the next signing asks again; Cancel in the dialog ends the question.
    await page.getByTestId('signature-panel').getByTestId('signing-lock').click();
    await expect.poll(() => page.getByTestId('unlocked-stores').count(), { timeout: 15_000 }).toBe(0);
    await page.getByTestId('toolbar-sign').click();
    await dialog.waitFor();
    await page.getByTestId('sign-pfx-path').fill(pfxPath);
    const again = context.waitForEvent('page');
    await page.getByTestId('sign-list').click();
    const secondPrompt = await again;
    await page.getByTestId('sign-secret-waiting').waitFor();
    await page.getByTestId('sign-secret-cancel').click();
    await expect.poll(() => page.getByTestId('sign-error').textContent(), { timeout: 15_000 }).toContain('Cancelled');
    await expect.poll(() => page.getByTestId('sign-secret-waiting').count(), { timeout: 15_000 }).toBe(0);
    // The prompt page now says the question is gone; posting it changes nothing.
    await secondPrompt.reload();
    await expect.poll(() => secondPrompt.getByTestId('secret-outcome').textContent(), { timeout: 15_000 }).toContain('no longer open');
    await secondPrompt.close();
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    await dialog.waitFor({ state: 'detached' });

    expect(app.served.output()).not.toContain(PASSWORD);
    await page.close();
  });
});
