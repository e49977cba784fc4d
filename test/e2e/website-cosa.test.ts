// The COSA entry form end to end in Chromium: filled in, checked as you type (a broken MNC named
// at its field), exported to ApnDatabase.xml and customizations.xml, which open in the editor and
// validate there like any other file (our XSDs, in the validation worker).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorText, openApp, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('COSA entry form', () => {
  it('checks the entry and opens its exports in the editor, valid', async () => {
    const page = await openApp(app.browser, app.served, { width: 1280, height: 1000 });
    // A busy machine (several test suites at once) can take long to load chunks and answer.
    page.setDefaultTimeout(90_000);
    const openCosa = async () => {
      await page.locator('[data-menu-button="view"]').click();
      await page.locator('[data-command="view.website"]').click();
      await page.getByTestId('website-tab-cosa').click();
      // The MCC/MNC list loads on first use (a separate chunk): allow for a slow machine.
      await page.getByTestId('cosa-panel').waitFor({ timeout: 60_000 });
      return page.getByTestId('cosa-panel');
    };
    let panel = await openCosa();
    await panel.getByTestId('cosa-operator').fill('Contoso');
    await panel.getByTestId('cosa-country').fill('fr');
    await panel.getByTestId('cosa-targets[0].mcc').fill('208');
    await panel.getByTestId('cosa-targets[0].mnc').fill('1');
    await panel.getByTestId('cosa-apns[0].accessString').fill('internet.contoso');
    await panel.getByTestId('cosa-accountExperienceUrl').fill('https://shop.contoso.example/activate');

    // A one-digit MNC: named at its field, the export buttons disabled.
    await expect.poll(() => panel.locator('[data-code="cosa-mnc-format"]').count()).toBe(1);
    expect(await panel.getByTestId('cosa-targets[0].mnc').getAttribute('aria-invalid')).toBe('true');
    expect(await panel.getByTestId('cosa-open-apndb').isDisabled()).toBe(true);
    await panel.getByTestId('cosa-targets[0].mnc').fill('01');
    await expect.poll(() => panel.getByTestId('cosa-verdict').getAttribute('data-valid')).toBe('true');
    await panel.evaluate((element) => element.closest('.website-tabpanel')?.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/website-cosa.png') });

    await panel.getByTestId('cosa-open-apndb').click();
    await expect.poll(() => page.getByTestId('website-dialog').count()).toBe(0);
    await expect.poll(() => editorText(page)).toContain('<Operator name="Contoso (France)" AccountExperienceURL="https://shop.contoso.example/activate">');
    const counts = page.getByTestId('problems-counts');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe('0 errors, 0 warnings, 0 notes');

    // The form kept what was typed; the answer file opens and validates too.
    panel = await openCosa();
    expect(await panel.getByTestId('cosa-operator').inputValue()).toBe('Contoso');
    await panel.getByTestId('cosa-open-customizations').click();
    await expect.poll(() => editorText(page)).toContain('<Condition Name="Mcc" Value="208" />');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe('0 errors, 0 warnings, 0 notes');
    await page.close();
  });
});
