// The Signature panel in Chromium, with a real chain made by OpenSSL and a file signed by xmlsec1:
// for an untrusted root (0x82170004) the fix is one click away ("Trust a root certificate for
// checks…": a file picker for certificates, the root joins the app's trust list kept by the host,
// the check runs again and Windows would accept); and its action buttons are never clipped, at
// 1366×768, 1920×1080 and with the dock at its narrowest.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp, openFile, pickFile, useServedApp } from '../support/app';
import { lowContrastElements } from '../support/contrast';
import { ROOT } from '../support/serve';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki } from '../unit/signing/openssl-pki';
import { template, withTemplate, xmlsecSign } from '../unit/signing/other-signers';

const UNSIGNED = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260123456789</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

const app = useServedApp();
let directory: string;
let certificates: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-signature-panel-'));
  const pki = new OpensslPki(path.join(directory, 'pki'));
  const root = pki.issue({ name: 'Trust Root', extensions: CA_EXTENSIONS });
  const leaf = pki.issue({ name: 'Trust EV Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
  xmlsecSign(withTemplate(UNSIGNED, template('compact', '')), leaf, [], path.join(directory, 'signed.xml'));
  copyFileSync(path.join(directory, 'signed.xml'), path.join(directory, 'signed-too.xml'));
  // The root as a user gets it: DER .cer, PEM .crt, beside files that are not certificates.
  certificates = path.join(directory, 'certificates');
  execFileSync('mkdir', ['-p', certificates]);
  execFileSync('openssl', ['x509', '-in', root.certificatePath, '-outform', 'DER', '-out', path.join(certificates, 'root.cer')]);
  copyFileSync(root.certificatePath, path.join(certificates, 'root.crt'));
  writeFileSync(path.join(certificates, 'notes.txt'), 'not a certificate');
  writeFileSync(path.join(certificates, 'other.xml'), UNSIGNED);
});

const verdict = (page: Page) => page.getByTestId('signature-verdict').textContent();

async function showSignaturePanel(page: Page, file: string): Promise<void> {
  await openFile(page, directory, file);
  if ((await page.getByTestId('signature-panel').count()) === 0) await page.getByTestId('toolbar-signature').click();
  await page.getByTestId('signature-panel').waitFor();
}

/**
 * Buttons of the Signature panel whose label is cut, whose box leaves the panel (each scrolled into
 * view first), or whose label is hard to read (contrast below 4.5:1 against the background under it).
 */
async function clippedButtons(page: Page): Promise<string[]> {
  const panelLocator = page.getByTestId('signature-panel');
  const unreadable = await lowContrastElements(panelLocator, 'buttons');
  const clipped = await panelLocator.evaluate(async (panel) => {
    const problems: string[] = [];
    const buttons = Array.from(panel.querySelectorAll<HTMLButtonElement>('button')).filter((button) => button.getClientRects().length > 0);
    for (const button of buttons) {
      button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const area = panel.getBoundingClientRect();
      const box = button.getBoundingClientRect();
      const name = (button.textContent ?? '').trim().slice(0, 50);
      if (button.scrollWidth > button.clientWidth || button.scrollHeight > button.clientHeight + 1) problems.push(`"${name}" cuts its label`);
      if (box.left < area.left - 0.5 || box.right > area.right + 0.5 || box.top < area.top - 0.5 || box.bottom > area.bottom + 0.5) problems.push(`"${name}" leaves the panel`);
    }
    return problems;
  });
  return [...clipped, ...unreadable];
}

describe('Signature panel', () => {
  it('offers to trust a root certificate for checks on 0x82170004, in one click, and checks again', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await showSignaturePanel(page, 'signed.xml');
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('0x82170004');
    const trust = page.getByTestId('signature-trust-root');
    expect(await trust.textContent()).toBe('Trust a root certificate for checks…');
    await page.getByTestId('signature-verdict').screenshot({ path: path.join(ROOT, 'docs/screenshots/signature-untrusted-root.png') });

    // The picker lists certificates (.cer, .pem, .crt) and folders, not other files.
    await trust.click();
    await page.getByTestId('file-picker').waitFor();
    await page.getByTestId('picker-location').fill(certificates);
    await page.getByTestId('picker-location').press('Enter');
    await expect.poll(() => page.getByTestId('picker-entries').textContent()).toContain('root.crt');
    const listed = await page.getByTestId('picker-entries').textContent();
    expect(listed).toContain('root.cer');
    expect(listed).not.toContain('notes.txt');
    expect(listed).not.toContain('other.xml');
    expect(await page.getByTestId('picker-filter').textContent()).toContain('.cer, .pem, .crt');
    await page.getByTestId('file-picker').getByRole('button', { name: 'File: root.cer' }).click();
    await page.getByTestId('picker-confirm').click();

    // The check runs again with the root: Windows would accept the file (after the user's consent).
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('Windows would accept');
    expect(await trust.count()).toBe(0);
    const rootPath = path.join(certificates, 'root.cer');
    expect(await page.getByTestId('signature-panel').textContent()).toContain(rootPath);
    // The trust list is the app's, kept by the host: the host saved it, another document uses it.
    const settingsFile = path.join(app.served.dataDirectory, 'settings.json');
    await expect.poll(() => (existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as { trustedRootPaths?: string[] }).trustedRootPaths : undefined)).toEqual([rootPath]);
    await showSignaturePanel(page, 'signed-too.xml');
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('Windows would accept');

    // A file that is not a certificate is refused with a reason, and the list does not change.
    await page.getByTestId('signature-panel').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('0x82170004');
    copyFileSync(path.join(certificates, 'notes.txt'), path.join(certificates, 'fake.pem'));
    await page.getByTestId('signature-trust-root').click();
    await pickFile(page, certificates, 'fake.pem');
    await expect.poll(() => page.getByTestId('signature-panel').getByRole('alert').textContent()).not.toBe('');
    await expect.poll(() => verdict(page)).toContain('0x82170004');
    await page.close();
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`never clips its action buttons at ${size.width}×${size.height}, nor with the dock at its narrowest`, async () => {
      const page = await openApp(app.browser, app.served, size);
      await showSignaturePanel(page, 'signed.xml');
      await expect.poll(() => verdict(page), { timeout: 20_000 }).toMatch(/0x82170004|Windows would accept/);
      // Every action the panel can show: the untrusted-root fix included.
      if ((await page.getByTestId('signature-trust-root').count()) === 0) {
        for (const remove of await page.getByTestId('signature-panel').getByRole('button', { name: 'Remove', exact: true }).all()) await remove.click();
      }
      await page.getByTestId('signature-trust-root').waitFor();
      expect(await page.getByTestId('signature-panel').locator('button').count()).toBeGreaterThanOrEqual(6);
      expect(await clippedButtons(page)).toEqual([]);
      await page.getByTestId('theme-select').selectOption('dark');
      expect(await clippedButtons(page), 'dark theme').toEqual([]);
      await page.getByTestId('theme-select').selectOption('light');

      // The dock at its narrowest (the splitter moved with the keyboard until it stops).
      const dock = page.getByTestId('panel-dock');
      const separator = page.getByRole('separator', { name: 'Resize the tools' });
      await separator.focus();
      // One more step past the minimum would collapse the dock: stop at the last step above it (260 px).
      let width = (await dock.boundingBox())!.width;
      await page.keyboard.press('ArrowRight');
      const step = width - (await dock.boundingBox())!.width;
      width -= step;
      while (step > 0 && width - step >= 262) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(async () => (await dock.boundingBox())!.width).toBeLessThan(width - step / 2);
        width = (await dock.boundingBox())!.width;
      }
      expect(width).toBeLessThan(300);
      expect(await clippedButtons(page)).toEqual([]);
      if (size.width === 1366) await page.getByTestId('signature-panel').screenshot({ path: path.join(ROOT, 'docs/screenshots/signature-panel-narrow.png') });
      await page.close();
    });
  }
});
