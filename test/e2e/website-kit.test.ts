// Web-site provisioning end to end: `provstudio website init` writes the landing-page kit, its server
// runs over HTTPS on 127.0.0.1 with a test EV kit (`certs make-test-ev`), and the simulator opens the
// page in Debian's Chromium as Windows would, with stand-ins for window.external.msProvisionNetworks
// and the ms-settings:wifi-provisioning link. Each flow gives its documented outcome; the verdicts are
// cross-checked with independent tools (xmlsec1 for signatures, xmllint for the schema and the
// predicted results file). The pre-flight check runs on the same sites. Screenshots for docs/website.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { translate, type Language, type MessageKey } from '../../shared/common/i18n/index';
import { loadNetworkDirectory, type NetworkDirectory } from '../../shared/common/website/networks';
import { readRows } from '../../shared/node/subscriber/rows';
import { render } from '../../shared/node/subscriber/render';
import { createProvisioningHandler } from '../../shared/node/subscriber/server';
import { sign } from '../../shared/node/signing/sign';
import { issueTestCertificate, makeTestEvKit, type TestEvKit } from '../../shared/node/signing/test-ev-kit';
import { simulate, type SimulateOptions, type SimulationReport } from '../../shared/node/website/simulate';
import { signerFor } from '../unit/signing/support';
import { launchChromium } from '../support/browser';
import { ROOT } from '../support/serve';
import { captureCli } from '../support/cli';

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
interface KitServerModule {
  createLandingServer(options: { siteDirectory: string; handler: Handler; tls?: { cert: Buffer; key: Buffer } }): Server;
}

const SUBSCRIBER = '310260000000001';
const IMEI = '490154203237518';
const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const t = (language: Language, key: string, params?: Record<string, string | number>) => translate(language, key as MessageKey, params);

describe('web-site provisioning: landing-page kit, simulator, pre-flight', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-website-kit-'));
  const kitDirectory = path.join(directory, 'kit');
  const servers: Server[] = [];
  let kit: TestEvKit;
  let tlsCertificate: Buffer;
  let tlsKey: Buffer;
  let networks: NetworkDirectory;
  let landing: KitServerModule;
  let template: Buffer;
  let bindings: string;
  let row: Record<string, string>;
  const sites: Record<'good' | 'nonEv' | 'unsigned' | 'tampered' | 'schemaInvalid' | 'thirdParty' | 'thirdPartyNoPolicy', string> = {} as never;
  const files: Record<'good' | 'unsigned' | 'tampered' | 'schemaInvalid', Uint8Array> = {} as never;

  async function start(handler: Handler, siteDirectory = path.join(kitDirectory, 'site')): Promise<string> {
    const server = landing.createLandingServer({ siteDirectory, handler, tls: { cert: tlsCertificate, key: tlsKey } });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  /** A provisioning endpoint that always answers with the same bytes (a broken file, for the refusals). */
  function fixedFile(bytes: Uint8Array): Handler {
    return async (request, response) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/provisioning') return false;
      response.writeHead(200, { 'content-type': 'application/xml', 'x-provisioning-signer': 'ev' });
      response.end(bytes);
      return true;
    };
  }

  function run(site: string, options: Partial<SimulateOptions> = {}): Promise<SimulationReport> {
    return simulate({
      url: site,
      device: { SubId: SUBSCRIBER, DevId: IMEI },
      pc: 'internet-explorer',
      language: 'en',
      sim: 'operator',
      wifi: true,
      mbn: true,
      trustedCertificates: [kit.root.der],
      tlsTrust: [tlsCertificate],
      consent: 'accept',
      networks,
      timeoutMs: 60_000,
      ...options,
    });
  }

  function xmlsecAccepts(bytes: Uint8Array): boolean {
    const file = path.join(directory, `verify-${Date.now()}-${Math.random()}.xml`);
    writeFileSync(file, bytes);
    return spawnSync('xmlsec1', ['--verify', '--trusted-der', kit.rootPath, file], { encoding: 'utf8' }).status === 0;
  }

  function xmllintValid(text: string, schema: string): boolean {
    const file = path.join(directory, `lint-${Date.now()}-${Math.random()}.xml`);
    writeFileSync(file, text);
    return spawnSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'schemas', schema), file], { encoding: 'utf8' }).status === 0;
  }

  beforeAll(async () => {
    const init = captureCli({ cwd: directory });
    expect(await runCli(['website', 'init', kitDirectory], init.io), init.err()).toBe(0);
    landing = (await import(path.join(kitDirectory, 'server.mjs'))) as KitServerModule;
    networks = await loadNetworkDirectory();
    kit = await makeTestEvKit(path.join(directory, 'ev'), 'kit-password');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(directory, 'site.key'), '-out', path.join(directory, 'site.crt'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    tlsCertificate = readFileSync(path.join(directory, 'site.crt'));
    tlsKey = readFileSync(path.join(directory, 'site.key'));

    template = readFileSync(path.join(kitDirectory, 'template.xml'));
    bindings = readFileSync(path.join(kitDirectory, 'template.bindings.json'), 'utf8');
    for await (const record of readRows(path.join(kitDirectory, 'subscribers.csv'))) {
      if ('values' in record && record.values.SubscriberId === SUBSCRIBER) row = record.values as Record<string, string>;
    }
    const lookup = async (id: string) => (id === SUBSCRIBER ? row : null);
    const evSigner = signerFor(kit.signer, [kit.root.der]);
    const notEv = await issueTestCertificate({ subject: 'CN=Contoso Provisioning (not EV), O=Contoso', issuer: kit.root });

    const unsigned = await render(template, bindings, row);
    const signed = await sign(unsigned, evSigner);
    const signedText = new TextDecoder().decode(signed);
    files.good = signed;
    files.unsigned = unsigned;
    files.tampered = new TextEncoder().encode(signedText.replace('<AccessString>internet.contoso.com</AccessString>', '<AccessString>internet.attacker.example</AccessString>'));
    const invalidText = new TextDecoder().decode(unsigned).replace('</Global>', '</Global>\n  <Unexpected>not in the schema</Unexpected>');
    files.schemaInvalid = await sign(new TextEncoder().encode(invalidText), evSigner);

    const good = createProvisioningHandler({ template, bindings, lookup, signer: evSigner });
    sites.good = await start(good);
    sites.nonEv = await start(createProvisioningHandler({ template, bindings, lookup, signer: signerFor(notEv, [kit.root.der]) }));
    sites.unsigned = await start(fixedFile(files.unsigned));
    sites.tampered = await start(fixedFile(files.tampered));
    sites.schemaInvalid = await start(fixedFile(files.schemaInvalid));

    // The same page with a third-party script added (an analytics snippet pasted in by someone).
    const thirdPartySite = path.join(directory, 'site-third-party');
    cpSync(path.join(kitDirectory, 'site'), thirdPartySite, { recursive: true });
    const index = readFileSync(path.join(thirdPartySite, 'index.html'), 'utf8').replace('</head>', '<script src="https://cdn.analytics.example/tag.js"></script>\n</head>');
    writeFileSync(path.join(thirdPartySite, 'index.html'), index);
    sites.thirdParty = await start(good, thirdPartySite);
    // ... and served without the kit's Content-Security-Policy: the browser asks for it.
    sites.thirdPartyNoPolicy = await start(async (request, response) => {
      response.removeHeader('content-security-policy');
      return good(request, response);
    }, thirdPartySite);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('the full flow on an older PC (msProvisionNetworks) succeeds and is explained in en, fr and pt', async () => {
    for (const language of ['en', 'fr', 'pt'] as const) {
      const report = await run(sites.good, { language, screenshot: true });
      expect(report.otherHosts).toEqual([]);
      expect(report.policyViolations).toEqual([]);
      expect(report.pageErrors).toEqual([]);
      expect(report.handovers).toHaveLength(1);
      const [handover] = report.handovers;
      expect(handover!.mechanism).toBe('msProvisionNetworks');
      expect(handover!.result).toBe(0);
      expect(handover!.consentAsked).toBe(true);
      expect(report.success).toBe(true);
      expect(report.pageStatus).toBe(t(language, 'kit.result.0'));
      // Independent checks: xmlsec1 verifies what the page handed over; xmllint accepts the predicted results file.
      expect(xmlsecAccepts(new TextEncoder().encode(handover!.text))).toBe(true);
      expect(xmllintValid(handover!.prediction.resultXml, 'results-v1.xsd')).toBe(true);
      expect(handover!.text).toContain(`<SubscriberId>${SUBSCRIBER}</SubscriberId>`);
      writeFileSync(path.join(SCREENSHOTS, `website-kit-ie-${language}.png`), report.screenshot!);
    }
  });

  it('the full flow on Windows 10 2004 and later (the Settings link) succeeds; the Settings app downloads the same file', async () => {
    const report = await run(sites.good, { pc: 'windows10-2004', screenshot: true });
    expect(report.handovers).toHaveLength(1);
    const [handover] = report.handovers;
    expect(handover!.mechanism).toBe('settings');
    expect(handover!.fileUrl).toBe(`${sites.good}provisioning?SubId=${SUBSCRIBER}&DevId=${IMEI}`);
    expect(handover!.settingsRefusals).toEqual([]);
    expect(handover!.result).toBe(0);
    expect(report.success).toBe(true);
    expect(report.pageStatus).toBe(t('en', 'kit.ready'));
    writeFileSync(path.join(SCREENSHOTS, 'website-kit-settings.png'), report.screenshot!);
  });

  it('an unsigned file: msProvisionNetworks returns 3; the Settings link is not offered and the file is offered for a test PC', async () => {
    const ie = await run(sites.unsigned, { language: 'pt' });
    expect(ie.handovers.map((handover) => handover.result)).toEqual([3]);
    expect(ie.handovers[0]!.prediction.exception).toBe('8217000e');
    expect(ie.pageStatus).toBe(t('pt', 'kit.result.3'));
    expect(ie.success).toBe(false);

    const settings = await run(sites.unsigned, { pc: 'windows10-2004', language: 'fr', screenshot: true });
    expect(settings.clicked).toBe(false);
    expect(settings.handovers).toEqual([]);
    expect(settings.pageStatus).toBe(t('fr', 'kit.neither'));
    expect(settings.success).toBe(false);
    writeFileSync(path.join(SCREENSHOTS, 'website-kit-unsigned-fr.png'), settings.screenshot!);
  });

  it('a tampered file: result 4 (digest mismatch), as xmlsec1 also says', async () => {
    expect(xmlsecAccepts(files.tampered)).toBe(false);
    const ie = await run(sites.tampered);
    expect(ie.handovers.map((handover) => handover.result)).toEqual([4]);
    expect(ie.handovers[0]!.prediction.exception).toBe('82170005');
    expect(ie.pageStatus).toBe(t('en', 'kit.result.4'));
    // The kit's server says the signer is EV, so the page offers the link; the Settings app refuses the file.
    const settings = await run(sites.tampered, { pc: 'windows10-2004' });
    expect(settings.handovers.map((handover) => handover.result)).toEqual([4]);
  });

  it('a certificate that is not EV: result 4 (0x8217000D) although the signature itself verifies; no Settings link', async () => {
    const ie = await run(sites.nonEv);
    expect(ie.handovers).toHaveLength(1);
    expect(xmlsecAccepts(new TextEncoder().encode(ie.handovers[0]!.text))).toBe(true);
    expect(ie.handovers[0]!.result).toBe(4);
    expect(ie.handovers[0]!.prediction.exception).toBe('8217000d');
    expect(ie.pageStatus).toBe(t('en', 'kit.result.4'));
    const settings = await run(sites.nonEv, { pc: 'windows10-2004' });
    expect(settings.handovers).toEqual([]);
    expect(settings.pageStatus).toBe(t('en', 'kit.neither'));
  });

  it('a schema-invalid file (signed): result 2, as xmllint also says', async () => {
    expect(xmllintValid(new TextDecoder().decode(files.schemaInvalid), 'provisioning.xsd')).toBe(false);
    expect(xmllintValid(new TextDecoder().decode(files.good), 'provisioning.xsd')).toBe(true);
    const ie = await run(sites.schemaInvalid, { language: 'fr' });
    expect(ie.handovers.map((handover) => handover.result)).toEqual([2]);
    expect(ie.handovers[0]!.prediction.exception).toBe('82170002');
    expect(ie.pageStatus).toBe(t('fr', 'kit.result.2'));
  });

  it('a page that loads a third-party script: refused by the page policy, or blocked as the walled garden does; the flow is not a success', async () => {
    const withPolicy = await run(sites.thirdParty);
    expect(withPolicy.policyViolations.map((violation) => violation.blockedUri)).toContain('https://cdn.analytics.example/tag.js');
    expect(withPolicy.handovers.map((handover) => handover.result)).toEqual([0]);
    expect(withPolicy.success).toBe(false);

    const withoutPolicy = await run(sites.thirdPartyNoPolicy);
    expect(withoutPolicy.otherHosts).toEqual(['cdn.analytics.example']);
    expect(withoutPolicy.requests.find((request) => request.otherHost)?.url).toBe('https://cdn.analytics.example/tag.js');
    expect(withoutPolicy.success).toBe(false);
  });

  it('the user declines the trust prompt: 5; a PC with neither adapter: 8', async () => {
    expect((await run(sites.good, { consent: 'decline' })).handovers.map((handover) => handover.result)).toEqual([5]);
    expect((await run(sites.good, { wifi: false, mbn: false })).handovers.map((handover) => handover.result)).toEqual([8]);
    expect((await run(sites.good, { wifi: false })).handovers.map((handover) => handover.result)).toEqual([6]);
  });

  it('without the parameters the page asks for them (manual entry), and it passes axe-core', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'pt-BR', extraHTTPHeaders: { 'accept-language': 'pt-BR' } });
      const page = await context.newPage();
      await page.goto(sites.good);
      await page.getByLabel(t('pt', 'kit.field.SubId')).fill(SUBSCRIBER);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
      await page.getByRole('button', { name: t('pt', 'kit.manual.submit') }).click();
      await page.waitForURL(/SubId=310260000000001/);
      await expect.poll(() => page.getByTestId('status').textContent()).toBe(t('pt', 'kit.neither'));
      expect(await page.getByTestId('value-SubId').textContent()).toBe(SUBSCRIBER);
      expect(await page.locator('html').getAttribute('lang')).toBe('pt');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('provstudio website check: passes the kit, fails the third-party page and the unsigned file', async () => {
    const good = captureCli({ cwd: directory });
    const tls = ['--tls-trust', path.join(directory, 'site.crt'), '--trusted', kit.rootPath];
    expect(await runCli(['website', 'check', `${sites.good}?SubId=${SUBSCRIBER}`, ...tls], good.io), good.out()).toBe(0);
    expect(good.out()).toContain(t('en', 'website.check.fileResult', { code: 0 }));

    const thirdParty = captureCli({ cwd: directory });
    expect(await runCli(['website', 'check', sites.thirdParty, '--subid', SUBSCRIBER, ...tls, '--format', 'json'], thirdParty.io)).toBe(1);
    const report = JSON.parse(thirdParty.out()) as { findings: Array<{ key: string; severity: string; params: { url?: string } }>; file: { result: number } };
    expect(report.findings.filter((finding) => finding.key === 'website.check.otherHost').map((finding) => finding.params.url)).toEqual(['https://cdn.analytics.example/tag.js']);
    expect(report.file.result).toBe(0);

    const unsigned = captureCli({ cwd: directory });
    expect(await runCli(['website', 'check', `${sites.unsigned}?SubId=${SUBSCRIBER}`, ...tls], unsigned.io)).toBe(1);
    expect(unsigned.out()).toContain(t('en', 'website.check.fileResult', { code: 3 }));

    // Without trusting the test site's certificate, TLS fails: the check says so.
    const untrusted = captureCli({ cwd: directory });
    expect(await runCli(['website', 'check', `${sites.good}?SubId=${SUBSCRIBER}`], untrusted.io)).toBe(1);
    expect(untrusted.out()).toContain('TLS');
  });
});
