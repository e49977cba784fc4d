// The landing-page kit and the pure parts of the hand-over: `website init` (files, nothing
// overwritten, messages in three languages), the page's language from Accept-Language, how the
// page names its resources (third-party detection) and judges a Content-Security-Policy.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { CATALOGUES } from '../../../shared/common/i18n/index';
import { languageFromAcceptLanguage, settingsRefusals } from '../../../shared/common/website/handover';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { policyFindings, resourcesOfHtml } from '../../../shared/node/website/check';
import { KIT_FILES, kitMessages, serverWithLibrary } from '../../../shared/node/website/kit';
import { captureCli } from '../../support/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

describe('provstudio website init', () => {
  it('writes the page, the server pointing at this installation\'s library, the example data and messages in en, fr and pt', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-init-'));
    const capture = captureCli({ cwd: directory });
    expect(await runCli(['website', 'init', 'site-kit'], capture.io), capture.err()).toBe(0);
    for (const file of KIT_FILES) expect(existsSync(path.join(directory, 'site-kit', file)), file).toBe(true);
    const server = readFileSync(path.join(directory, 'site-kit/server.mjs'), 'utf8');
    expect(server).toContain(`?? "file://${path.join(ROOT, 'dist/lib/provstudio.mjs')}"`);
    const messages = JSON.parse(readFileSync(path.join(directory, 'site-kit/site/messages.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(messages)).toEqual(['en', 'fr', 'pt']);
    expect(Object.keys(messages.fr!)).toEqual(Object.keys(messages.en!));
    expect(messages.fr!['result.4']).toBe(CATALOGUES.fr['kit.result.4']);
    // Every text the page shows by key exists in the messages.
    const html = readFileSync(path.join(directory, 'site-kit/site/index.html'), 'utf8');
    for (const [, key] of html.matchAll(/data-text="([^"]+)"/g)) expect(messages.en, key).toHaveProperty([key!]);
    // No resource from another host, no inline script (the policy allows only the site's own files).
    expect(resourcesOfHtml(html, 'https://shop.example/').resources.every((resource) => resource.url.startsWith('https://shop.example/'))).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('refuses a folder that is not empty and writes nothing into it', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-init-'));
    mkdirSync(path.join(directory, 'taken'));
    writeFileSync(path.join(directory, 'taken/index.html'), 'mine');
    const capture = captureCli({ cwd: directory });
    expect(await runCli(['website', 'init', 'taken'], capture.io)).toBe(2);
    expect(capture.err()).toContain('is not empty');
    expect(readdirSync(path.join(directory, 'taken'))).toEqual(['index.html']);
    expect(readFileSync(path.join(directory, 'taken/index.html'), 'utf8')).toBe('mine');
    expect(readdirSync(directory)).toEqual(['taken']);
  });

  it('kitMessages takes every kit.* key of each catalogue; serverWithLibrary refuses a server without the LIBRARY line', () => {
    const messages = kitMessages();
    const kitKeys = Object.keys(CATALOGUES.en).filter((key) => key.startsWith('kit.'));
    expect(Object.keys(messages.pt)).toHaveLength(kitKeys.length);
    expect(() => serverWithLibrary('export {}', '/x/provstudio.mjs')).toThrow();
  });
});

describe('hand-over rules', () => {
  it('the page language follows Accept-Language by q-value, English otherwise', () => {
    expect(languageFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(languageFromAcceptLanguage('de-DE,pt-BR;q=0.5,en;q=0.3')).toBe('pt');
    expect(languageFromAcceptLanguage('en;q=0.2, pt;q=0.9')).toBe('pt');
    expect(languageFromAcceptLanguage('de, es;q=0')).toBe('en');
    expect(languageFromAcceptLanguage('fr;q=0, pt')).toBe('pt');
    expect(languageFromAcceptLanguage(undefined)).toBe('en');
  });

  it('the Settings link needs a signed file with at least one WLANProfile and an EV signer', () => {
    const template = readFileSync(path.join(ROOT, 'examples/bulk/template.xml'), 'utf8');
    expect(settingsRefusals(readProvisioningModel(template), true)).toEqual(['notSigned']);
    const withoutWlan = template.replace(/<WLANProfiles>[\s\S]*<\/WLANProfiles>/, '');
    expect(settingsRefusals(readProvisioningModel(withoutWlan), true)).toEqual(['notSigned', 'noWlanProfile']);
    expect(settingsRefusals(readProvisioningModel('<CarrierProvisioning'), true)).toEqual(['malformed']);
  });
});

describe('pre-flight parts', () => {
  it('names what a page loads (not the links a user follows), resolved against <base>', () => {
    const html = `<html><head><base href="https://shop.example/app/"><link rel="stylesheet" href="s.css"><link rel="canonical" href="https://other.example/">
      <script src="https://cdn.example/x.js"></script><script>inline()</script></head>
      <body><img srcset="a.png 1x, https://img.example/b.png 2x"><a href="https://help.example/">help</a><iframe src="//frame.example/"></iframe><img src="data:image/png;base64,AA"></body></html>`;
    expect(resourcesOfHtml(html, 'https://shop.example/').resources.map((resource) => resource.url)).toEqual([
      'https://shop.example/app/s.css',
      'https://cdn.example/x.js',
      'https://shop.example/app/a.png',
      'https://img.example/b.png',
      'https://frame.example/',
    ]);
  });

  it('judges a Content-Security-Policy', () => {
    expect(policyFindings(undefined).map((finding) => finding.key)).toEqual(['website.check.csp.missing']);
    expect(policyFindings("default-src 'none'; script-src 'self'").map((finding) => finding.severity)).toEqual(['ok']);
    expect(policyFindings("script-src 'self' 'unsafe-inline' https:").map((finding) => finding.params.source)).toEqual(["'unsafe-inline'", 'https:']);
    expect(policyFindings("style-src 'self'").map((finding) => finding.key)).toEqual(['website.check.csp.noScriptSrc']);
  });
});
