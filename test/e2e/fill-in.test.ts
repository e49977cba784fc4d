// "To fill in" in Chromium: a new file from a template opens with the list of its placeholders
// (the nil CarrierId, a SubscriberId of zeros); each entry goes to its form field, or to its place
// in the XML when it has none (or the form is hidden); the list follows the typing until "Nothing
// left to fill in". What "Add child" writes for DeviceId, a Plan and an SMS rule is listed too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { insertElement } from '../../shared/common/edit/operations';
import { applyTextEdits } from '../../shared/common/edit/text-edits';
import { BUNDLED_SCHEMA_MODEL } from '../../shared/common/schema-model/bundled';
import { NAMESPACES } from '../../shared/common/xml/namespaces';
import { childElements, type XmlElementNode } from '../../shared/common/xml/model';
import { parseXml } from '../../shared/common/xml/parse';
import { templateByName } from '../../shared/common/templates/index';
import { ROOT } from '../support/serve';
import { discardRecoveryIfOffered, newFromTemplate, openApp, openFile, useServedApp } from '../support/app';

const app = useServedApp();

const entries = (page: Page) => page.getByTestId('fill-in-entry');
const entryNames = (page: Page) => entries(page).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-element')));
/** The data-testid of the form field holding the focus, or "editor" when it is the XML view. */
const focusedField = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (active?.closest('.monaco-editor')) return 'editor';
    return active?.closest('[data-testid^="field-"]')?.getAttribute('data-testid') ?? active?.tagName ?? null;
  });
const cursor = (page: Page) => page.getByRole('contentinfo').getByText(/^Ln \d+, Col \d+$/).textContent();

/** What "Add child" writes, under the first element named `parentName`. */
function addChild(text: string, parentName: string, namespace: string, localName: string): string {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const find = (element: XmlElementNode): XmlElementNode | undefined => (element.localName === parentName ? element : childElements(element).map(find).find(Boolean));
  const outcome = insertElement(parsed.document, find(parsed.document.root)!, { namespace, localName }, { model: BUNDLED_SCHEMA_MODEL });
  if (!outcome.ok) throw new Error(outcome.messageKey);
  return applyTextEdits(text, outcome.edits);
}

describe('To fill in', () => {
  it('a new file from a template opens with its list; each entry goes to its field; the list empties as they are filled', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await newFromTemplate(page, 'wifi-open');
    const tab = page.getByTestId('dock-tab-fillIn');
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => entryNames(page), { timeout: 15_000 }).toEqual(['CarrierId', 'SubscriberId']);
    expect(await page.getByTestId('fill-in-count').textContent()).toBe('2 values still to fill in');
    expect(await tab.textContent()).toContain('2');
    // The nil CarrierId is an error (Windows misapplies it), the SubscriberId of zeros a warning.
    expect(await entries(page).evaluateAll((buttons) => buttons.map((button) => button.className))).toEqual(['problem problem-error', 'problem problem-warning']);
    await page.getByTestId('panel-dock').screenshot({ path: path.join(ROOT, 'docs/screenshots/fill-in.png') });

    await entries(page).first().click();
    await expect.poll(() => focusedField(page)).toBe('field-CarrierId-text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{3F2504E0-4F89-41D3-9A0C-0305E82C3301}');
    await expect.poll(() => entryNames(page), { timeout: 15_000 }).toEqual(['SubscriberId']);
    expect(await page.getByTestId('fill-in-count').textContent()).toBe('1 value still to fill in');

    await entries(page).first().click();
    await expect.poll(() => focusedField(page)).toBe('field-SubscriberId-text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('310260123456789');
    await expect.poll(() => page.getByTestId('fill-in-done').textContent(), { timeout: 15_000 }).toBe('Nothing left to fill in.');
    expect(await entries(page).count()).toBe(0);
    await page.close();
  });

  it('lists what "Add child" wrote (DeviceId, a Plan\'s Name, an SMS Pattern); without the form, an entry goes to the XML', async () => {
    let text = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${NAMESPACES.carrierControlV1}">
  <Global>
    <CarrierId>{3F2504E0-4F89-41D3-9A0C-0305E82C3301}</CarrierId>
    <SubscriberId>310260123456789</SubscriberId>
  </Global>
  <MBNProfiles/>
  <Plans/>
</CarrierProvisioning>
`;
    text = addChild(text, 'Global', NAMESPACES.carrierControlV1, 'DeviceId');
    text = addChild(text, 'Plans', NAMESPACES.plans, 'Plan');
    text = addChild(text, 'MBNProfiles', NAMESPACES.wwan, 'Messages');
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-fill-in-'));
    writeFileSync(path.join(directory, 'added.xml'), text);
    const lineOf = (needle: RegExp) => text.split('\n').findIndex((line) => needle.test(line)) + 1;

    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await discardRecoveryIfOffered(page);
    await openFile(page, directory, 'added.xml');
    await page.getByTestId('dock-tab-fillIn').click();
    await expect.poll(() => entryNames(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(['DeviceId', 'Plan/@Name', 'Pattern']));
    const names = await entryNames(page);

    // DeviceId and the Plan's Name have form fields.
    await entries(page).nth(names.indexOf('DeviceId')).click();
    await expect.poll(() => focusedField(page)).toBe('field-DeviceId-text');
    await entries(page).nth(names.indexOf('Plan/@Name')).click();
    await expect.poll(() => focusedField(page)).toBe('field-Plan-@Name');

    // The SMS Pattern: its own field when the form has one, else its place in the text.
    await entries(page).nth(names.indexOf('Pattern')).click();
    await expect.poll(() => focusedField(page)).toBe('field-Pattern-text');

    // With the XML only, an entry selects its place in the text.
    await page.getByTestId('view-mode-text').click();
    await entries(page).nth(names.indexOf('Pattern')).click();
    await expect.poll(() => focusedField(page)).toBe('editor');
    await expect.poll(() => cursor(page)).toMatch(new RegExp(`^Ln ${lineOf(/<Pattern/)},`));
    await page.close();
  });

  it('an entry with no form field of its own (EAP settings in a lax slot) goes to its place in the XML', async () => {
    const page = await openApp(app.browser, app.served, { width: 1366, height: 768 });
    await discardRecoveryIfOffered(page);
    await newFromTemplate(page, 'eduroam-eap-ttls');
    await expect.poll(() => entryNames(page), { timeout: 15_000 }).toEqual(['CarrierId', 'SubscriberId', 'ServerNames', 'AnonymousIdentity']);
    const lines = templateByName('eduroam-eap-ttls')!.text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    await entries(page).nth(2).click();
    await expect.poll(() => focusedField(page)).toBe('editor');
    await expect.poll(() => cursor(page)).toMatch(new RegExp(`^Ln ${lineOf('<ServerNames>radius.example.edu')},`));
    await entries(page).nth(3).click();
    await expect.poll(() => cursor(page)).toMatch(new RegExp(`^Ln ${lineOf('<AnonymousIdentity>anonymous@example.edu')},`));
    // The form's own fields still take the focus.
    await entries(page).first().click();
    await expect.poll(() => focusedField(page), { timeout: 10_000 }).toBe('field-CarrierId-text');
    await page.close();
  });
});
