// Signing in the browser host, end to end: the Sign dialog lists the identities of a PFX file
// (the host asks for the password in its own prompt window, once, never in the page), signs, and the Signature
// panel says what Windows would answer. xmlsec1 accepts the saved file; an edit makes the panel
// stale and the check then reports 0x82170005; removing the signature gives back the original bytes.
// Files signed by xmlsec1 and by the JDK (openssl-made certificates) verify in the panel too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerSecretPrompt, editorText, openApp, openFile, pickFile } from '../support/app';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki } from '../unit/signing/openssl-pki';
import { jdkSign, template, withCrlfAndBom, withTemplate, xmlsecSign } from '../unit/signing/other-signers';
import { UNSIGNED_CONTOSO, useSigningApp } from '../support/signing-app';

const PASSWORD = 'kit-password-7431';
const app = useSigningApp(PASSWORD);

const verdict = (page: Page) => page.getByTestId('signature-verdict').textContent();

describe('signing in the browser host', () => {
  it('signs with a PFX key, predicts Windows, and keeps every byte outside the Signature', async () => {
    const page = await openApp(app.browser, app.served, { width: 1400, height: 900 });
    await openFile(page, app.workDirectory, 'contoso.xml');

    await page.getByTestId('toolbar-sign').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('sign-secret-note').textContent()).toContain('prompt window');
    await page.getByTestId('sign-pfx-path').fill(path.join(app.kit, 'signer.pfx'));
    // The host asks in its prompt window, once: listing opens the store, signing uses it.
    const prompt = page.context().waitForEvent('page');
    await page.getByTestId('sign-list').click();
    await answerSecretPrompt(prompt, PASSWORD);
    await page.getByTestId('sign-identities').waitFor();
    expect(await page.getByTestId('sign-identities').textContent()).toContain('EV');
    await page.getByTestId('sign-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // Without the test root, Windows would not trust the chain.
    await page.getByTestId('signature-panel').waitFor();
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('0x82170004');
    await page.getByTestId('signature-add-root').click();
    await pickFile(page, app.kit, 'root.cer');
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('Windows would accept');

    await page.keyboard.press('Control+S');
    await expect.poll(() => page.getByTestId('dirty-marker').count()).toBe(0);
    const signedPath = path.join(app.workDirectory, 'contoso.xml');
    const signed = readFileSync(signedPath, 'utf8');
    const signatureStart = signed.indexOf('<Signature');
    const signatureEnd = signed.indexOf('</Signature>') + '</Signature>'.length;
    expect(signed.slice(0, signatureStart) + signed.slice(signatureEnd)).toBe(UNSIGNED_CONTOSO);
    const xmlsec = spawnSync('xmlsec1', ['--verify', '--trusted-der', path.join(app.kit, 'root.cer'), signedPath], { encoding: 'utf8' });
    expect(xmlsec.status, xmlsec.stderr).toBe(0);

    // One typed character: the panel is stale at once, and the next check says "edited after signing".
    await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await page.getByTestId('signature-stale').waitFor();
    await page.getByTestId('signature-verify').click();
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('0x82170005');
    await page.locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Z');

    // Removing the signature gives back exactly the unsigned bytes.
    await page.getByTestId('signature-verify').click();
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('Windows would accept');
    await page.getByTestId('signature-remove').click();
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('not signed');
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(signedPath, 'utf8')).toBe(UNSIGNED_CONTOSO);

    // TrustedCertificates from a certificate file: listed where the schema wants it, still valid.
    await page.getByTestId('signature-trust-file').click();
    await pickFile(page, app.kit, 'root.cer');
    await expect.poll(() => page.getByTestId('signature-trust-message').textContent()).toContain('Added CN=Provisioning Studio Test Root CA');
    await expect.poll(() => editorText(page)).toContain('<TrustedCertificates>');
    await expect.poll(() => page.getByTestId('problems-counts').textContent(), { timeout: 20_000 }).toMatch(/^0 errors/);

    // The password never reached the page, and the host never printed it.
    expect(await page.content()).not.toContain(PASSWORD);
    expect(app.served.output()).not.toContain(PASSWORD);
    await page.close();
  });

  it('accepts files signed by xmlsec1 and the JDK in the Signature panel, and refuses one tampered byte', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-other-signers-'));
    const pki = new OpensslPki(path.join(directory, 'pki'));
    const root = pki.issue({ name: 'Panel Root', extensions: CA_EXTENSIONS });
    const leaf = pki.issue({ name: 'Panel EV Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
    const document = UNSIGNED_CONTOSO.replace('<SubscriberId>', '<!-- Opérateur Télécom -->\n    <SubscriberId>');
    xmlsecSign(withTemplate(document, template('compact', '')), leaf, [], path.join(directory, 'xmlsec.xml'));
    writeFileSync(path.join(directory, 'xmlsec-crlf-bom.xml'), withCrlfAndBom(readFileSync(path.join(directory, 'xmlsec.xml'))));
    writeFileSync(path.join(directory, 'unsigned.xml'), document);
    jdkSign([{ leaf, chain: [], prefix: 'ds', input: path.join(directory, 'unsigned.xml'), output: path.join(directory, 'jdk.xml') }], false);
    writeFileSync(path.join(directory, 'jdk-tampered.xml'), readFileSync(path.join(directory, 'jdk.xml'), 'utf8').replace('310260000000000', '310260000000001'));

    const page = await openApp(app.browser, app.served, { width: 1400, height: 900 });
    const cases = [
      ['xmlsec.xml', 'Windows would accept'],
      ['xmlsec-crlf-bom.xml', 'Windows would accept'],
      ['jdk.xml', 'Windows would accept'],
      ['jdk-tampered.xml', '0x82170005'],
    ] as const;
    for (const [file, expected] of cases) {
      await openFile(page, directory, file);
      if ((await page.getByTestId('signature-panel').count()) === 0) await page.getByTestId('toolbar-signature').click();
      // The trust list is the app's (kept by the host): adding the same root again changes nothing.
      await page.getByTestId('signature-add-root').click();
      await pickFile(page, path.join(directory, 'pki'), 'Panel Root.pem');
      await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain(expected);
    }
    await page.close();
  });
  it('refuses an expired certificate with 0x8217000D, and signs with it only when the user ticks "sign anyway"', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-sign-anyway-'));
    const pki = new OpensslPki(path.join(directory, 'pki'));
    const root = pki.issue({ name: 'Override Root', extensions: CA_EXTENSIONS, startDate: '20180101000000Z', endDate: '20500101000000Z' });
    const expired = pki.issue({ name: 'Expired Override Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS, startDate: '20200101000000Z', endDate: '20210101000000Z' });
    writeFileSync(path.join(directory, 'contoso.xml'), UNSIGNED_CONTOSO);

    const page = await openApp(app.browser, app.served, { width: 1400, height: 900 });
    await openFile(page, directory, 'contoso.xml');
    await page.getByTestId('toolbar-sign').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    await dialog.locator('input[type="radio"][value="pem"]').check();
    await page.getByTestId('sign-pem-key').fill(expired.keyPath);
    await page.getByTestId('sign-pem-cert').fill(expired.certificatePath);
    await page.getByTestId('sign-list').click();
    await page.getByTestId('sign-identities').waitFor();
    await page.getByTestId('sign-confirm').click();

    // Refused, with the rule and Windows' answer; nothing is signed and nothing is forced yet.
    await expect.poll(() => page.getByTestId('sign-error').textContent()).toContain('CN=Expired Override Signer, O=OpenSSL Interop Test expired on 2021-01-01');
    await expect.poll(() => page.getByTestId('sign-override').textContent()).toContain('0x8217000D');
    expect(await page.getByTestId('sign-override-check').isChecked()).toBe(false);
    expect(await editorText(page)).not.toContain('<Signature');
    await page.getByTestId('sign-confirm').click();
    await expect.poll(() => page.getByTestId('sign-error').textContent()).toContain('expired on');
    expect(await editorText(page)).not.toContain('<Signature');

    // Ticked: signed, and the Signature panel predicts Windows' refusal.
    await page.getByTestId('sign-override-check').check();
    expect(await page.getByTestId('sign-confirm').textContent()).toBe('Sign anyway');
    await page.getByTestId('sign-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => editorText(page)).toContain('<SignatureValue>');
    await page.getByTestId('signature-panel').waitFor();
    await page.getByTestId('signature-add-root').click();
    await pickFile(page, path.join(directory, 'pki'), 'Override Root.pem');
    await expect.poll(() => verdict(page), { timeout: 20_000 }).toContain('0x8217000D');
    await page.close();
  });
});
