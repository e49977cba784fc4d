// The Simulator tab of View › Web Site Tools, end to end: the app (`provstudio serve` in Chromium)
// asks its host to open the landing-page kit's site (HTTPS on 127.0.0.1, test EV kit) as an older
// PC with Internet Explorer would; the report shows each request, the Result (0), the page as it
// ended, and opens the predicted results file in the editor. In French too. Screenshot for the docs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../shared/common/i18n/index';
import { readRows } from '../../shared/node/subscriber/rows';
import { createProvisioningHandler } from '../../shared/node/subscriber/server';
import { makeTestEvKit } from '../../shared/node/signing/test-ev-kit';
import { signerFor } from '../unit/signing/support';
import type { Page } from 'playwright-core';
import { editorText, openApp, pickFile, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';
import { runCaptured } from '../support/cli';

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
const app = useServedApp();

/** The host's picker in any language (its buttons are named "File: x" in English, "Fichier : x" in French). */
async function pickAnyLanguage(page: Page, directory: string, fileName: string): Promise<void> {
  const picker = page.getByTestId('file-picker');
  await picker.waitFor();
  await page.getByTestId('picker-location').fill(directory);
  await page.getByTestId('picker-location').press('Enter');
  await picker.getByRole('button', { name: new RegExp(`${fileName.replace('.', '\\.')}$`) }).click();
  await page.getByTestId('picker-confirm').click();
  await picker.waitFor({ state: 'detached' });
}
const SUBSCRIBER = '310260000000001';

describe('web-site tools: the simulator panel', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-simulator-'));
  let server: Server;
  let site: string;

  beforeAll(async () => {
    expect((await runCaptured(['website', 'init', 'kit'], { cwd: directory })).exitCode).toBe(0);
    const kitDirectory = path.join(directory, 'kit');
    const kit = await makeTestEvKit(path.join(directory, 'ev'), 'kit-password');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(directory, 'site.key'), '-out', path.join(directory, 'site.crt'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    let row: Record<string, string> = {};
    for await (const record of readRows(path.join(kitDirectory, 'subscribers.csv'))) if ('values' in record && record.values.SubscriberId === SUBSCRIBER) row = record.values as Record<string, string>;
    const handler = createProvisioningHandler({ template: readFileSync(path.join(kitDirectory, 'template.xml')), bindings: readFileSync(path.join(kitDirectory, 'template.bindings.json'), 'utf8'), lookup: async (id) => (id === SUBSCRIBER ? row : null), signer: signerFor(kit.signer, [kit.root.der]) });
    const { createLandingServer } = (await import(path.join(kitDirectory, 'server.mjs'))) as { createLandingServer(options: { siteDirectory: string; handler: Handler; tls: { cert: Buffer; key: Buffer } }): Server };
    server = createLandingServer({ siteDirectory: path.join(kitDirectory, 'site'), handler, tls: { cert: readFileSync(path.join(directory, 'site.crt')), key: readFileSync(path.join(directory, 'site.key')) } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('runs the landing page as Windows would and shows the predicted Result, requests and page', async () => {
    const page = await openApp(app.browser, app.served, { width: 1280, height: 1000 });
    page.setDefaultTimeout(90_000);
    await page.locator('[data-menu-button="view"]').click();
    await page.locator('[data-command="view.website"]').click();
    const dialog = page.getByTestId('website-dialog');
    await dialog.getByTestId('website-tab-simulator').click();
    await dialog.getByTestId('simulator-url').fill(site);
    await dialog.getByTestId('simulator-SubId').fill(SUBSCRIBER);
    await dialog.getByTestId('simulator-DevId').fill('490154203237518');
    await dialog.getByTestId('simulator-pc').selectOption('internet-explorer');
    await dialog.getByTestId('simulator-trusted-choose').click();
    await pickFile(page, path.join(directory, 'ev'), 'root.cer');
    await dialog.getByTestId('simulator-tls-choose').click();
    await pickFile(page, directory, 'site.crt');
    await dialog.getByTestId('simulator-run').click();
    const report = dialog.getByTestId('simulator-report');
    await report.waitFor();
    expect(await report.getAttribute('data-success')).toBe('true');
    expect(await dialog.getByTestId('simulator-handover').getAttribute('data-result')).toBe('0');
    expect(await dialog.getByTestId('simulator-result').textContent()).toBe(translate('en', 'website.sim.result', { code: 0, meaning: translate('en', 'website.result.0') }));
    expect(await dialog.getByTestId('simulator-requests').locator('li[data-other-host="true"]').count()).toBe(0);
    expect(await dialog.getByTestId('simulator-page-status').textContent()).toContain(translate('en', 'kit.result.0'));
    await dialog.getByTestId('simulator-screenshot').waitFor();
    await dialog.getByTestId('simulator-verdict').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/website-simulator.png') });

    // The user declines Windows' prompt: 5, in French.
    await dialog.getByRole('button', { name: translate('en', 'website.panel.close'), exact: true }).click();
    await expect.poll(() => page.getByTestId('website-dialog').count()).toBe(0);
    await page.getByTestId('language-select').selectOption('fr');
    // The app re-renders in French (its catalogue loads on demand): open the menu once that is done,
    // again if a re-render closed it (CI under load saw the click land before).
    const websiteItem = page.locator('[data-command="view.website"]');
    await expect
      .poll(async () => {
        if (!(await websiteItem.isVisible())) await page.locator('[data-menu-button="view"]').click();
        return websiteItem.isVisible();
      }, { timeout: 30_000 })
      .toBe(true);
    await websiteItem.click();
    await dialog.getByTestId('website-tab-simulator').click();
    await dialog.getByTestId('simulator-url').fill(`${site}?SubId=${SUBSCRIBER}`);
    await dialog.getByTestId('simulator-pc').selectOption('internet-explorer');
    await dialog.getByTestId('simulator-consent').selectOption('decline');
    await dialog.getByTestId('simulator-trusted-choose').click();
    await pickAnyLanguage(page, path.join(directory, 'ev'), 'root.cer');
    await dialog.getByTestId('simulator-tls-choose').click();
    await pickAnyLanguage(page, directory, 'site.crt');
    await dialog.getByTestId('simulator-run').click();
    await dialog.getByTestId('simulator-report').waitFor();
    expect(await dialog.getByTestId('simulator-handover').getAttribute('data-result')).toBe('5');
    expect(await dialog.getByTestId('simulator-page-status').textContent()).toContain(translate('fr', 'kit.result.5'));
    expect(await dialog.getByTestId('simulator-verdict').textContent()).toBe(translate('fr', 'website.sim.verdict.failure'));

    // The predicted CarrierProvisioningResult opens as a document.
    await dialog.getByTestId('simulator-open-results').click();
    await expect.poll(() => page.getByTestId('website-dialog').count()).toBe(0);
    await expect.poll(() => editorText(page)).toContain('CarrierProvisioningResult');
    await page.getByTestId('language-select').selectOption('en');
    await page.close();
  });
});
