// Pre-flight (`provstudio website check URL`): what a carrier should know before pointing the COSA
// AccountExperienceURL at a page. Fetches the page as Windows would (HTTPS, TLS checked) and the
// resources it names, then the provisioning endpoint for a subscriber, and reports: TLS valid, the
// page's Content-Security-Policy, resources from other hosts (a walled garden blocks them), page
// weight, the file's content type, and the file's schema and signature verdicts for the web-site
// source (the dry run), with the Result msProvisionNetworks would give and what the Settings link needs.
import { Parser } from 'htmlparser2';
import type { Language } from '../../common/i18n/index';
import { provisionResultFor, provisionResultName, settingsRefusals, type ProvisionResult, type SettingsRefusal } from '../../common/website/handover';
import { readProvisioningModel } from '../../common/semantic/model';
import type { Prediction } from '../../common/semantic/dry-run';
import { renderPrediction, type RenderedPrediction } from '../../common/semantic/dry-run-report';
import { dryRunFile } from '../dry-run';
import { decodeText } from '../files/encoding';
import { fetchResource, FetchError, pemOf, type FetchedResource } from './fetch';

export type CheckSeverity = 'ok' | 'info' | 'warning' | 'error';

export interface CheckFinding {
  severity: CheckSeverity;
  /** Message key (website.check.*). */
  key: string;
  params: Record<string, string | number>;
}

export interface NamedResource {
  url: string;
  /** The element and attribute naming it (script src, link href, ...). */
  kind: string;
  otherHost: boolean;
  size?: number;
  status?: number;
}

export interface CheckReport {
  url: string;
  findings: CheckFinding[];
  resources: NamedResource[];
  pageBytes: number;
  endpointUrl?: string;
  file?: { size: number; contentType: string; result: ProvisionResult; resultName: string; settingsRefusals: SettingsRefusal[]; prediction: Prediction; rendered: RenderedPrediction };
  /** No error finding. */
  passed: boolean;
}

export interface CheckOptions {
  url: string;
  /** The SubId to ask the endpoint for (default: the URL's own SubId). */
  subId?: string;
  /** The endpoint's path (default: the page's <meta name="provisioning-endpoint">, else /provisioning). */
  endpoint?: string;
  language: Language;
  /** DER certificates the PC trusts, to judge the file's signature chain. */
  trustedCertificates: Uint8Array[];
  /** Certificates (DER or PEM) to trust for the site's TLS instead of the system's roots (a test CA). */
  tlsTrust?: Uint8Array[];
  /** Page weight above which a warning is given (bytes; default 500 kB). */
  weightLimit?: number;
}

/** Elements and attributes by which a page loads something. */
const LOADING_ATTRIBUTES: Record<string, string[]> = {
  script: ['src'],
  link: ['href'],
  img: ['src', 'srcset'],
  iframe: ['src'],
  frame: ['src'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  track: ['src'],
};

/** What the HTML names for loading (links a user follows, <a href>, are not loaded and not counted). */
export function resourcesOfHtml(html: string, pageUrl: string): { resources: Array<{ url: string; kind: string }>; meta: Record<string, string> } {
  const resources: Array<{ url: string; kind: string }> = [];
  const meta: Record<string, string> = {};
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href) base = new URL(attributes.href, pageUrl).href;
        if (name === 'meta' && attributes.name && attributes.content !== undefined) meta[attributes.name.toLowerCase()] = attributes.content;
        if (name === 'meta' && attributes['http-equiv'] && attributes.content !== undefined) meta[`http-equiv:${attributes['http-equiv'].toLowerCase()}`] = attributes.content;
        if (name === 'link' && !/(^|\s)(stylesheet|icon|preload|modulepreload|manifest|prefetch|apple-touch-icon)(\s|$)/i.test(attributes.rel ?? '')) return;
        for (const attribute of LOADING_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (!value) continue;
          const candidates = attribute === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value.trim()];
          for (const candidate of candidates) {
            if (!candidate || /^(data|blob|about|javascript):/i.test(candidate)) continue;
            try {
              resources.push({ url: new URL(candidate, base).href, kind: `${name} ${attribute}` });
            } catch {
              // An unparsable address loads nothing.
            }
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { resources, meta };
}

/** Sources a strict policy does not allow for scripts (and, for default-src, everything). */
const LAX_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:'];

export function policyFindings(policy: string | undefined): CheckFinding[] {
  if (!policy) return [{ severity: 'warning', key: 'website.check.csp.missing', params: {} }];
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  const findings: CheckFinding[] = [];
  const scriptSources = directives.get('script-src') ?? directives.get('default-src');
  if (!scriptSources) findings.push({ severity: 'warning', key: 'website.check.csp.noScriptSrc', params: {} });
  for (const directive of ['default-src', 'script-src']) {
    for (const source of directives.get(directive) ?? []) {
      if (LAX_SOURCES.includes(source.toLowerCase())) findings.push({ severity: 'warning', key: 'website.check.csp.lax', params: { directive, source } });
    }
  }
  if (findings.length === 0) findings.push({ severity: 'ok', key: 'website.check.csp.ok', params: { policy } });
  return findings;
}

function contentTypeOf(resource: FetchedResource): string {
  return (resource.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function checkSite(options: CheckOptions): Promise<CheckReport> {
  const findings: CheckFinding[] = [];
  const report: CheckReport = { url: options.url, findings, resources: [], pageBytes: 0, passed: false };
  const ca = (options.tlsTrust ?? []).map(pemOf);
  const fetchOptions = { ...(ca.length ? { ca } : {}), headers: { 'accept-language': options.language } };
  const page = new URL(options.url);
  if (page.protocol !== 'https:') findings.push({ severity: 'error', key: 'website.check.notHttps', params: { scheme: page.protocol.replace(/:$/, '') } });

  let fetched: FetchedResource;
  try {
    fetched = await fetchResource(page.href, fetchOptions);
  } catch (error) {
    const code = error instanceof FetchError ? error.code : 'network';
    findings.push({ severity: 'error', key: page.protocol === 'https:' && !['ECONNREFUSED', 'ENOTFOUND', 'timeout'].includes(code) ? 'website.check.tlsFailed' : 'website.check.unreachable', params: { url: page.href, reason: error instanceof Error ? error.message : String(error) } });
    return report;
  }
  if (fetched.tls) findings.push({ severity: 'ok', key: 'website.check.tlsOk', params: { host: page.hostname, issuer: fetched.tls.issuer ?? '', validTo: fetched.tls.validTo ?? '' } });
  if (fetched.status !== 200) {
    findings.push({ severity: 'error', key: 'website.check.pageStatus', params: { status: fetched.status } });
    return finish(report);
  }
  report.pageBytes = fetched.body.length;
  findings.push(...policyFindings(fetched.headers['content-security-policy']));

  const html = new TextDecoder().decode(fetched.body);
  const { resources, meta } = resourcesOfHtml(html, page.href);
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.url)) continue;
    seen.add(resource.url);
    const target = new URL(resource.url);
    const named: NamedResource = { url: resource.url, kind: resource.kind, otherHost: target.origin !== page.origin };
    report.resources.push(named);
    if (named.otherHost) {
      findings.push({ severity: 'error', key: 'website.check.otherHost', params: { url: resource.url, kind: resource.kind, host: target.host } });
      continue;
    }
    try {
      const loaded = await fetchResource(resource.url, fetchOptions);
      named.status = loaded.status;
      named.size = loaded.body.length;
      report.pageBytes += loaded.body.length;
      if (loaded.status !== 200) findings.push({ severity: 'warning', key: 'website.check.resourceStatus', params: { url: resource.url, status: loaded.status } });
    } catch (error) {
      findings.push({ severity: 'warning', key: 'website.check.resourceFailed', params: { url: resource.url, reason: error instanceof Error ? error.message : String(error) } });
    }
  }
  if (!report.resources.some((resource) => resource.otherHost)) findings.push({ severity: 'ok', key: 'website.check.sameHost', params: { count: report.resources.length } });
  const limit = options.weightLimit ?? 500_000;
  findings.push({ severity: report.pageBytes > limit ? 'warning' : 'ok', key: report.pageBytes > limit ? 'website.check.weightHeavy' : 'website.check.weight', params: { bytes: report.pageBytes, count: report.resources.length + 1, limit } });

  // The provisioning endpoint, for one subscriber.
  const subId = options.subId ?? page.searchParams.get('SubId') ?? undefined;
  if (!subId) {
    findings.push({ severity: 'warning', key: 'website.check.noSubId', params: {} });
    return finish(report);
  }
  const endpoint = new URL(options.endpoint ?? meta['provisioning-endpoint'] ?? '/provisioning', page.href);
  for (const name of ['SubId', 'DevId', 'IccId']) {
    const value = name === 'SubId' ? subId : page.searchParams.get(name);
    if (value) endpoint.searchParams.set(name, value);
  }
  report.endpointUrl = endpoint.href;
  if (endpoint.origin !== page.origin) findings.push({ severity: 'error', key: 'website.check.otherHost', params: { url: endpoint.href, kind: 'provisioning-endpoint', host: endpoint.host } });
  let file: FetchedResource;
  try {
    file = await fetchResource(endpoint.href, fetchOptions);
  } catch (error) {
    findings.push({ severity: 'error', key: 'website.check.unreachable', params: { url: endpoint.href, reason: error instanceof Error ? error.message : String(error) } });
    return finish(report);
  }
  if (file.status !== 200) {
    findings.push({ severity: 'error', key: 'website.check.endpointStatus', params: { url: endpoint.href, status: file.status } });
    return finish(report);
  }
  const contentType = contentTypeOf(file);
  const xmlType = contentType === 'application/xml' || contentType === 'text/xml';
  findings.push({ severity: xmlType ? 'ok' : 'warning', key: xmlType ? 'website.check.contentType' : 'website.check.contentTypeBad', params: { type: contentType || '-' } });
  let text = '';
  try {
    text = decodeText(file.body).text;
  } catch {
    text = '';
  }
  const prediction = await dryRunFile({ bytes: file.body, text, source: 'website', sim: 'operator', wifi: true, mbn: true, trustedCertificates: options.trustedCertificates });
  const result = provisionResultFor(prediction);
  const refusals = settingsRefusals(readProvisioningModel(text), undefined);
  report.file = { size: file.body.length, contentType, result, resultName: provisionResultName(result), settingsRefusals: refusals, prediction, rendered: renderPrediction(options.language, prediction, text) };
  findings.push({ severity: result === 0 ? 'ok' : 'error', key: 'website.check.fileResult', params: { code: result } });
  if (result === 0 && refusals.length === 0) findings.push({ severity: 'ok', key: 'website.check.settingsOk', params: {} });
  for (const refusal of result === 0 ? refusals : []) findings.push({ severity: 'warning', key: `kit.settings.refused.${refusal}`, params: {} });
  return finish(report);
}

function finish(report: CheckReport): CheckReport {
  report.passed = !report.findings.some((finding) => finding.severity === 'error');
  return report;
}
