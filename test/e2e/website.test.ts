// Web-site provisioning in the app, end to end in Debian's Chromium against `provstudio serve`:
// View › Web Site Tools builds the AccountExperienceURL from a device's values, decodes each one
// (MCC/MNC named, TAC shown), names a Luhn failure, and checks a URL as Windows opened it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, useServedApp } from '../support/app';
import { ROOT } from '../support/serve';

const app = useServedApp();

describe('web-site tools', () => {
  it('builds and checks the AccountExperienceURL, in the user language', async () => {
    const page = await openApp(app.browser, app.served);
    // A busy machine (several test suites at once) can take long to load chunks and answer.
    page.setDefaultTimeout(90_000);
    await page.locator('[data-menu-button="view"]').click();
    await page.locator('[data-command="view.website"]').click();
    const dialog = page.getByTestId('website-dialog');
    // The MCC/MNC list loads on first use (a separate chunk): allow for a slow machine.
    await dialog.getByTestId('website-url-panel').waitFor({ timeout: 60_000 });

    await dialog.getByTestId('website-base').fill('https://shop.example.com/activate');
    await dialog.getByTestId('website-SubId').fill('208011234567890');
    await dialog.getByTestId('website-DevId').fill('490154203237518');
    await dialog.getByTestId('website-IccId').fill('89331503191000000085');
    await expect.poll(() => dialog.getByTestId('website-url-output').textContent()).toBe('https://shop.example.com/activate?SubId=208011234567890&DevId=490154203237518&IccId=89331503191000000085');
    await expect.poll(() => dialog.getByTestId('website-verdict').getAttribute('data-valid')).toBe('true');
    expect(await dialog.getByTestId('website-SubId-description').textContent()).toContain('MCC 208 (France)');
    expect(await dialog.getByTestId('website-DevId-description').textContent()).toContain('TAC 49015420');
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/website-url.png') });

    // A wrong IMEI check digit: named, the field marked invalid.
    await dialog.getByTestId('website-DevId').fill('490154203237519');
    await expect.poll(() => dialog.getByTestId('website-verdict').getAttribute('data-valid')).toBe('false');
    expect(await dialog.locator('[data-code="devid-imei-luhn"]').textContent()).toContain('IMEI check digit wrong (Luhn)');
    expect(await dialog.getByTestId('website-DevId').getAttribute('aria-invalid')).toBe('true');

    // Check a URL as Windows opened it: a MEID cannot come with an IMSI.
    await dialog.getByTestId('website-mode-parse').check();
    await dialog.getByTestId('website-url-input').fill('https://shop.example.com/?SubId=208011234567890&DevId=A0000000002329');
    await expect.poll(() => dialog.locator('[data-code="devid-class-clash"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('website-dialog').count()).toBe(0);

    // French
    await page.getByTestId('language-select').selectOption('fr');
    // The menus are rebuilt in French once the setting is stored: open View after that.
    await expect.poll(() => page.locator('[data-testid="app"]').getAttribute('data-language')).toBe('fr');
    await page.locator('[data-menu-button="view"]').click();
    await page.locator('[data-command="view.website"]').click();
    await page.getByTestId('website-dialog').getByTestId('website-base').fill('http://shop.example.com/', { timeout: 60_000 });
    await expect.poll(() => page.locator('[data-code="base-not-https"]').textContent()).toContain('Windows n’ouvre le site qu’en HTTPS');
    await page.keyboard.press('Escape');
    await page.getByTestId('language-select').selectOption('en');
    await page.close();
  });
});
