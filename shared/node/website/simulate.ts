// The web-site simulator: opens the operator's landing page in Chromium as Windows opens it (the
// AccountExperienceURL with SubId, DevId and IccId appended; no Internet but the site itself), with
// stand-ins for the two hand-over mechanisms:
//   - window.external.msProvisionNetworks(xml) (older PCs, Internet Explorer): a synchronous call,
//     answered through a synchronous request the simulator intercepts, returning the Result Windows
//     would give;
//   - the ms-settings:wifi-provisioning?uri=... link (Windows 10 2004 and later): the click is caught,
//     the file downloaded from the URI as the Settings app would, and judged.
// Each handed file is judged with the dry run for the web-site source (schema, signature profile,
// chain to the PC's trusted roots, EV unless the signer is already known, consent on first use).
// The run ends with a report: every request (another host than the site's is blocked and flagged),
// the files handed over, the predicted Result and CarrierProvisioningResult.
import { createHash, X509Certificate } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../common/i18n/index';
import { buildAccountUrl, type DeviceValues } from '../../common/website/account-url';
import { provisionResultFor, provisionResultName, settingsRefusals } from '../../common/website/handover';
import type { Handover, SimulatedPc, SimulatedRequest, SimulationReport } from '../../common/website/simulation';

export type { Handover, SimulatedPc, SimulatedRequest, SimulationReport } from '../../common/website/simulation';
import type { NetworkDirectory } from '../../common/website/networks';
import { readProvisioningModel } from '../../common/semantic/model';
import type { SimPresence } from '../../common/semantic/dry-run';
import { renderPrediction } from '../../common/semantic/dry-run-report';
import { dryRunFile } from '../dry-run';
import { decodeText } from '../files/encoding';
import { fetchResource, FetchError, pemOf } from './fetch';

export interface SimulateOptions {
  /** The AccountExperienceURL (without the device's parameters) or a URL already carrying them. */
  url: string;
  device?: DeviceValues;
  pc: SimulatedPc;
  language: Language;
  sim: SimPresence;
  wifi: boolean;
  mbn: boolean;
  /** DER certificates the PC trusts (roots, or signers it already knows). */
  trustedCertificates: Uint8Array[];
  /** The provisioning file applied to this PC before, decoded. */
  previousText?: string;
  /** The user's answer to Windows' first-use prompt about the signer. */
  consent: 'accept' | 'decline';
  /** Certificates (DER or PEM) of the site's TLS server or its CA, when not a public one (a test site). */
  tlsTrust?: Uint8Array[];
  /** CSS selector of what the user clicks to hand the file over (default: [data-provisioning-action]). */
  click?: string;
  timeoutMs?: number;
  /** A PNG of the page at the end. */
  screenshot?: boolean;
  /** The MCC/MNC list, to check the device values. */
  networks: NetworkDirectory;
  executablePath?: string;
}

export class SimulateError extends Error {
  constructor(
    readonly code: 'badUrl',
    readonly url: string,
  ) {
    super(`${code}: ${url}`);
  }
}

export const SIMULATOR_USER_AGENTS: Record<SimulatedPc, string> = {
  'windows10-2004': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
  'internet-explorer': 'Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko',
};

const HANDOVER_PATH = '/__provstudio-simulator/msProvisionNetworks';
const LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR', pt: 'pt-BR' };

/**
 * Runs in the page before its own scripts (plain JavaScript: it is the page's world): the
 * stand-ins and the policy-violation listener. msProvisionNetworks is synchronous in Internet
 * Explorer, so its stand-in asks through a synchronous request the simulator answers.
 */
function standInScript(ie: boolean): string {
  return `(function () {
  if (${JSON.stringify(ie)}) {
    var provision = function (xml) {
      var request = new XMLHttpRequest();
      request.open('POST', ${JSON.stringify(HANDOVER_PATH)}, false);
      request.setRequestHeader('content-type', 'text/plain;charset=UTF-8');
      request.send(String(xml));
      if (request.status !== 200) throw new Error('msProvisionNetworks stand-in: ' + request.status);
      return JSON.parse(request.responseText).result;
    };
    Object.defineProperty(window.external, 'msProvisionNetworks', { value: provision, configurable: true, enumerable: true });
  }
  document.addEventListener('click', function (event) {
    var anchor = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    var href = anchor ? anchor.getAttribute('href') || '' : '';
    if (/^ms-settings:wifi-provisioning/i.test(href)) {
      event.preventDefault();
      window.__provstudioSettings(href);
    }
  }, true);
  document.addEventListener('securitypolicyviolation', function (event) {
    window.__provstudioViolation(event.blockedURI, event.violatedDirective);
  });
})();`;
}

/** --ignore-certificate-errors-spki-list takes base64 SHA-256 hashes of SubjectPublicKeyInfo. */
function spkiHashes(certificates: Uint8Array[]): string[] {
  return certificates.map((bytes) => {
    const certificate = new X509Certificate(Buffer.from(bytes));
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(spki).digest('base64');
  });
}

/**
 * Clicks the hand-over control once the page shows it; false when the page offers none. A page
 * decides what to offer from its requests (the landing page fetches the file first), so once its
 * network is idle (every request answered, none for 500 ms) the control is looked for one last
 * time instead of waiting out `limitMs` (a page that offers nothing, such as an unsigned file on
 * Windows 10 2004, used to cost the whole limit).
 */
async function clickWhenOffered(page: Page, control: Locator, limitMs: number): Promise<boolean> {
  const shown = control.waitFor({ state: 'visible', timeout: limitMs }).then(() => true, () => false);
  const settled = page.waitForLoadState('networkidle', { timeout: limitMs }).then(() => false, () => false);
  if (!(await Promise.race([shown, settled])) && !(await control.isVisible())) return false;
  try {
    await control.click();
    return true;
  } catch {
    return false;
  }
}

export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const device = options.device ?? {};
  const url = Object.keys(device).length ? buildAccountUrl(options.url, device, options.networks).url : options.url;
  if (!url) throw new SimulateError('badUrl', options.url);
  const site = new URL(url);
  const report: SimulationReport = {
    url, pc: options.pc, language: options.language, requests: [], policyViolations: [], otherHosts: [], handovers: [], pageStatus: '', pageErrors: [], clicked: false, success: false };
  const timeout = options.timeoutMs ?? 30_000;
  const ca = (options.tlsTrust ?? []).map(pemOf);

  const judge = async (bytes: Uint8Array, mechanism: Handover['mechanism'], fileUrl?: string, fetchError?: string): Promise<Handover> => {
    let text = '';
    try {
      text = decodeText(bytes).text;
    } catch {
      text = '';
    }
    const prediction = await dryRunFile({
      bytes,
      text,
      source: 'website',
      sim: options.sim,
      wifi: options.wifi,
      mbn: options.mbn,
      trustedCertificates: options.trustedCertificates,
      ...(options.previousText !== undefined ? { previousText: options.previousText } : {}),
    });
    const refusals = mechanism === 'settings' ? settingsRefusals(readProvisioningModel(text), undefined) : [];
    let result = provisionResultFor(prediction, options.consent === 'decline');
    // The Settings app installs Wi-Fi profiles: a file without one is refused before anything else.
    if (mechanism === 'settings' && result === 0 && refusals.length > 0) result = 1;
    const handover: Handover = {
      mechanism,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      text,
      result,
      resultName: provisionResultName(result),
      settingsRefusals: refusals,
      consentAsked: !prediction.exception && prediction.signature.required && prediction.signature.consent,
      prediction,
      rendered: renderPrediction(options.language, prediction, text),
    };
    if (fileUrl) handover.fileUrl = fileUrl;
    if (fetchError) handover.fetchError = fetchError;
    report.handovers.push(handover);
    return handover;
  };

  // Its named exports, or its CommonJS module as `default` (how the built CLI's packs give an npm
  // package imported on demand: cli/launch.ts).
  type Playwright = typeof import('playwright-core');
  const playwright = (await import('playwright-core')) as Playwright & { default?: Playwright };
  const chromium = playwright.chromium ?? playwright.default!.chromium;
  const hashes = spkiHashes(options.tlsTrust ?? []);
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.PROVSTUDIO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(hashes.length ? [`--ignore-certificate-errors-spki-list=${hashes.join(',')}`] : [])],
  });
  try {
    const context = await browser.newContext({ userAgent: SIMULATOR_USER_AGENTS[options.pc], locale: LOCALES[options.language], extraHTTPHeaders: { 'accept-language': `${LOCALES[options.language]},${options.language};q=0.9` }, serviceWorkers: 'block' });
    const pending: Promise<unknown>[] = [];
    await context.exposeBinding('__provstudioViolation', (_source, blocked: string, directive: string) => {
      report.policyViolations.push({ blockedUri: blocked, directive });
    });
    await context.exposeBinding('__provstudioSettings', async (_source, href: string) => {
      const work = (async () => {
        const uri = new URL(href).searchParams.get('uri') ?? '';
        let target: URL | null = null;
        try {
          target = new URL(uri, url);
        } catch {
          target = null;
        }
        if (!target || target.origin !== site.origin) {
          await judge(new Uint8Array(), 'settings', uri, target ? 'otherHost' : 'badUri');
          return;
        }
        try {
          const fetched = await fetchResource(target.href, { ca: ca.length ? ca : undefined, headers: { 'user-agent': SIMULATOR_USER_AGENTS[options.pc] } });
          await judge(fetched.body, 'settings', target.href, fetched.status === 200 ? undefined : `HTTP ${fetched.status}`);
        } catch (error) {
          await judge(new Uint8Array(), 'settings', target.href, error instanceof FetchError ? error.code : String(error));
        }
      })();
      pending.push(work);
      await work;
    });
    await context.addInitScript({ content: standInScript(options.pc === 'internet-explorer') });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const requested = new URL(request.url());
      if (requested.origin === site.origin && requested.pathname === HANDOVER_PATH && request.method() === 'POST') {
        const bytes = new Uint8Array(request.postDataBuffer() ?? Buffer.alloc(0));
        const work = judge(bytes, 'msProvisionNetworks');
        pending.push(work);
        const handover = await work;
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: handover.result }) });
        return;
      }
      const entry: SimulatedRequest = { url: request.url(), method: request.method(), resourceType: request.resourceType(), otherHost: requested.origin !== site.origin };
      report.requests.push(entry);
      if (entry.otherHost) {
        if (!report.otherHosts.includes(requested.host)) report.otherHosts.push(requested.host);
        await route.abort('blockedbyclient');
        return;
      }
      await route.continue();
    });
    context.on('response', (response) => {
      const entry = report.requests.find((request) => request.url === response.url() && request.status === undefined);
      if (entry) entry.status = response.status();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (error) => report.pageErrors.push(error.message));
    await page.goto(url, { waitUntil: 'load', timeout });
    const control = page.locator(options.click ?? '[data-provisioning-action]').locator('visible=true').first();
    report.clicked = await clickWhenOffered(page, control, Math.min(timeout, 10_000));
    if (report.clicked) {
      const deadline = Date.now() + timeout;
      while (report.handovers.length === 0 && pending.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
      await Promise.all(pending);
      await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
    }
    const status = page.locator('[role="status"]').first();
    report.pageStatus = (await status.count()) ? ((await status.textContent()) ?? '').trim() : '';
    if (options.screenshot) report.screenshot = new Uint8Array(await page.screenshot({ fullPage: true }));
    await context.close();
  } finally {
    await browser.close();
  }
  report.success = report.handovers.length > 0 && report.handovers.every((handover) => handover.result === 0) && report.otherHosts.length === 0 && report.policyViolations.length === 0;
  return report;
}
