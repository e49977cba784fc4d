// The EAP settings of a Wi-Fi profile's 802.1X block (OneX/EAPConfig), read into plain settings
// and written back as one EapHostConfig element. Four Microsoft methods (author 311, vendor 0):
// - EAP-SIM (type 18) and EAP-AKA (23): what a Hotspot 2.0 profile needs to authenticate with the SIM
//   (EapSim/EapAkaConnectionPropertiesV1);
// - EAP-TTLS (21): eduroam-style user name and password inside a TLS tunnel
//   (EapTtlsConnectionPropertiesV1: ServerValidation, Phase2Authentication, Phase1Identity);
// - EAP-TLS (13): a client certificate (BaseEapConnectionPropertiesV1 Eap/EapType with
//   EapTlsConnectionPropertiesV1: CredentialsSource, ServerValidation, DifferentUsername).
// Elements follow each published schema's order. A block holding anything these settings do not
// cover (another inner method, TLS extensions, comments) is reported as not covered, so the form
// never rewrites what it cannot show.
import { childElements, textContent, walkElements, type XmlElementNode } from '../xml/model';
import { escapeText } from '../edit/text-edits';
import { parseXml } from '../xml/parse';
import { EAP_NAMESPACES } from '../xml/namespaces';

export type EapMethod = 'sim' | 'aka' | 'ttls' | 'tls';

export interface SimAkaSettings {
  method: 'sim' | 'aka';
  /** Use the realm of the SIM's identity (Realm@Enabled), optionally a fixed realm. */
  realmEnabled: boolean;
  realm: string;
  dontRevealPermanentId: boolean;
  providerName: string;
  /** EAP-SIM only: insist on 128-bit cipher keys. */
  useStrongCipherKeys: boolean;
}

/** TTLS inner (phase 2) methods the form offers; an inner EAP method is edited in the XML view. */
export type TtlsInnerMethod = 'pap' | 'chap' | 'mschap' | 'mschapv2';

/**
 * EAP-TTLS settings. Optional booleans are undefined when the element is absent (Windows then
 * uses the schema default), so a block read and written back keeps exactly its elements.
 */
export interface TtlsSettings {
  method: 'ttls';
  /** Semicolon-separated server names the certificate must carry (ServerNames; undefined when absent). */
  serverNames: string | undefined;
  /** SHA-1 thumbprints of the root CAs that may issue the server's certificate. */
  trustedRootCaHashes: string[];
  /**
   * The published schema names the element `TrustedRootCAHashes`; Windows' own profile exports and
   * the eduroam tools write `TrustedRootCAHash` (hex pairs separated by spaces). A file keeps its spelling.
   */
  hashElement: 'TrustedRootCAHash' | 'TrustedRootCAHashes';
  /** true: an untrusted server certificate fails the connection; false/absent (default false): the user is asked. */
  disablePrompt: boolean | undefined;
  innerMethod: TtlsInnerMethod | undefined;
  /** MSCHAPv2 only: use the Windows sign-in name and password (default false). */
  useWinlogonCredentials: boolean | undefined;
  /** Send the anonymous outer identity instead of the user's (default true). */
  identityPrivacy: boolean | undefined;
  /** The outer identity sent before the tunnel (undefined when absent). */
  anonymousIdentity: string | undefined;
}

/** EAP-TLS settings (same convention for optional booleans). */
export interface TlsSettings {
  method: 'tls';
  /** Where the client certificate comes from; undefined when CredentialsSource is absent. */
  credentialsSource: 'certificateStore' | 'smartCard' | undefined;
  /** Certificate store only: pick the certificate without asking (default true). */
  simpleCertSelection: boolean | undefined;
  /** true: a server validation failure fails the connection without asking the user. */
  disableUserPrompt: boolean | undefined;
  serverNames: string | undefined;
  /** SHA-1 thumbprints of the trusted root CAs (TrustedRootCA). */
  trustedRootCas: string[];
  /** Use a user name other than the certificate's. */
  differentUsername: boolean | undefined;
}

export type EapSettings = SimAkaSettings | TtlsSettings | TlsSettings;

const EAP_HOST_CONFIG = EAP_NAMESPACES.hostConfig;
const EAP_COMMON = EAP_NAMESPACES.common;
const BASE_EAP = EAP_NAMESPACES.baseConnectionProperties;

export const EAP_METHODS: Record<EapMethod, { type: number; element: string; namespace: string }> = {
  sim: { type: 18, element: 'EapSim', namespace: EAP_NAMESPACES.simConnectionProperties },
  aka: { type: 23, element: 'EapAka', namespace: EAP_NAMESPACES.akaConnectionProperties },
  ttls: { type: 21, element: 'EapTtls', namespace: EAP_NAMESPACES.ttlsConnectionProperties },
  tls: { type: 13, element: 'EapType', namespace: EAP_NAMESPACES.tlsConnectionPropertiesV1 },
};

export const DEFAULT_EAP_SETTINGS: SimAkaSettings = {
  method: 'sim',
  realmEnabled: true,
  realm: '',
  dontRevealPermanentId: false,
  providerName: '',
  useStrongCipherKeys: false,
};

/** What the form writes when the user switches to a method (the values of the eduroam and OpenRoaming templates' shape). */
export function defaultSettings(method: EapMethod): EapSettings {
  if (method === 'ttls') {
    return {
      method,
      serverNames: '',
      trustedRootCaHashes: [],
      hashElement: 'TrustedRootCAHash',
      disablePrompt: true,
      innerMethod: 'mschapv2',
      useWinlogonCredentials: false,
      identityPrivacy: true,
      anonymousIdentity: '',
    };
  }
  if (method === 'tls') {
    return { method, credentialsSource: 'certificateStore', simpleCertSelection: true, disableUserPrompt: true, serverNames: '', trustedRootCas: [], differentUsername: false };
  }
  return { ...DEFAULT_EAP_SETTINGS, method };
}

function child(element: XmlElementNode | undefined, localName: string, namespace?: string): XmlElementNode | undefined {
  return element && childElements(element).find((candidate) => candidate.localName === localName && (namespace === undefined || candidate.namespaceUri === namespace));
}

function children(element: XmlElementNode | undefined, localName: string): XmlElementNode[] {
  return element ? childElements(element).filter((candidate) => candidate.localName === localName) : [];
}

function textOf(element: XmlElementNode | undefined): string {
  return element ? textContent(element).trim() : '';
}

function optionalText(element: XmlElementNode | undefined): string | undefined {
  return element ? textOf(element) : undefined;
}

/** xs:boolean: true/1, false/0; undefined when the element is absent. */
function booleanOf(element: XmlElementNode | undefined): boolean | undefined {
  if (!element) return undefined;
  const value = textOf(element);
  return value === 'true' || value === '1';
}

function hostConfigOf(eapConfig: XmlElementNode): XmlElementNode | undefined {
  return child(eapConfig, 'EapHostConfig', EAP_HOST_CONFIG);
}

/** The method named by EapHostConfig/EapMethod/Type with Microsoft's author id; null for anything else. */
export function eapMethodOf(eapConfig: XmlElementNode): EapMethod | null {
  const method = child(hostConfigOf(eapConfig), 'EapMethod');
  const type = Number(textOf(child(method, 'Type')));
  return (Object.keys(EAP_METHODS) as EapMethod[]).find((candidate) => EAP_METHODS[candidate].type === type) ?? null;
}

function readSimAka(method: 'sim' | 'aka', config: XmlElementNode | undefined): SimAkaSettings {
  const properties = child(config, EAP_METHODS[method].element, EAP_METHODS[method].namespace);
  const realm = child(properties, 'Realm');
  return {
    method,
    realmEnabled: realm?.attributes.find((attribute) => attribute.localName === 'Enabled')?.value === 'true',
    realm: textOf(realm),
    dontRevealPermanentId: textOf(child(properties, 'DontRevealPermanentID')) === 'true',
    providerName: textOf(child(properties, 'ProviderName')),
    useStrongCipherKeys: textOf(child(properties, 'UseStrongCipherKeys')) === 'true',
  };
}

const TTLS_INNER: Record<TtlsInnerMethod, string> = {
  pap: 'PAPAuthentication',
  chap: 'CHAPAuthentication',
  mschap: 'MSCHAPAuthentication',
  mschapv2: 'MSCHAPv2Authentication',
};

function readTtls(config: XmlElementNode | undefined): TtlsSettings {
  // The published schema declares the element `eapTtls`; Windows and every public profile write `EapTtls`.
  const properties = config && childElements(config).find((candidate) => candidate.localName.toLowerCase() === 'eapttls' && candidate.namespaceUri === EAP_METHODS.ttls.namespace);
  const validation = child(properties, 'ServerValidation');
  const plural = children(validation, 'TrustedRootCAHashes');
  const hashes = plural.length > 0 ? plural : children(validation, 'TrustedRootCAHash');
  const phase2 = child(properties, 'Phase2Authentication');
  const inner = (Object.keys(TTLS_INNER) as TtlsInnerMethod[]).find((candidate) => child(phase2, TTLS_INNER[candidate]) !== undefined);
  const identity = child(properties, 'Phase1Identity');
  return {
    method: 'ttls',
    serverNames: optionalText(child(validation, 'ServerNames')),
    trustedRootCaHashes: hashes.map(textOf),
    hashElement: plural.length > 0 ? 'TrustedRootCAHashes' : 'TrustedRootCAHash',
    disablePrompt: booleanOf(child(validation, 'DisablePrompt')),
    innerMethod: inner,
    useWinlogonCredentials: booleanOf(child(child(phase2, 'MSCHAPv2Authentication'), 'UseWinlogonCredentials')),
    identityPrivacy: booleanOf(child(identity, 'IdentityPrivacy')),
    anonymousIdentity: optionalText(child(identity, 'AnonymousIdentity')),
  };
}

function readTls(config: XmlElementNode | undefined): TlsSettings {
  const properties = child(child(config, 'Eap', BASE_EAP), 'EapType', EAP_METHODS.tls.namespace);
  const source = child(properties, 'CredentialsSource');
  const store = child(source, 'CertificateStore');
  const validation = child(properties, 'ServerValidation');
  return {
    method: 'tls',
    credentialsSource: store ? 'certificateStore' : child(source, 'SmartCard') ? 'smartCard' : undefined,
    simpleCertSelection: booleanOf(child(store, 'SimpleCertSelection')),
    disableUserPrompt: booleanOf(child(validation, 'DisableUserPromptForServerValidation')),
    serverNames: optionalText(child(validation, 'ServerNames')),
    trustedRootCas: children(validation, 'TrustedRootCA').map(textOf),
    differentUsername: booleanOf(child(properties, 'DifferentUsername')),
  };
}

/** The settings in an EAPConfig element; null when it holds another method (or nothing we know). */
export function readEapSettings(eapConfig: XmlElementNode): EapSettings | null {
  const method = eapMethodOf(eapConfig);
  if (!method) return null;
  const config = child(hostConfigOf(eapConfig), 'Config');
  if (method === 'ttls') return readTtls(config);
  if (method === 'tls') return readTls(config);
  return readSimAka(method, config);
}

/** Every element of the EapHostConfig by namespace and name, and whether comments or processing instructions are there. */
function contentSignature(root: XmlElementNode): { names: string[]; other: boolean } {
  const names: string[] = [];
  let other = false;
  for (const element of walkElements(root)) {
    names.push(`{${element.namespaceUri}}${element.localName}`);
    if (element.children.some((node) => node.kind !== 'element' && node.kind !== 'text')) other = true;
  }
  return { names: names.sort(), other };
}

/**
 * True when writing `settings` back would keep every element of the block: nothing in it lies
 * outside what the form shows (an inner EAP method, TLS extensions, a comment, a vendor element).
 */
export function eapSettingsCoverBlock(eapConfig: XmlElementNode, settings: EapSettings): boolean {
  const host = hostConfigOf(eapConfig);
  if (!host) return childElements(eapConfig).length === 0;
  const rendered = parseXml(eapHostConfigText(settings, '', ' ', '\n'));
  if (!rendered.ok) return false;
  const found = contentSignature(host);
  const written = contentSignature(rendered.document.root);
  return !found.other && found.names.length === written.names.length && found.names.every((name, index) => name === written.names[index]);
}

function simAkaLines(settings: SimAkaSettings, at: (depth: number) => string, eol: string): string[] {
  const method = EAP_METHODS[settings.method];
  const properties: string[] = [];
  if (settings.method === 'sim' && settings.useStrongCipherKeys) properties.push(`${at(3)}<UseStrongCipherKeys>true</UseStrongCipherKeys>`);
  if (settings.dontRevealPermanentId) properties.push(`${at(3)}<DontRevealPermanentID>true</DontRevealPermanentID>`);
  if (settings.providerName) properties.push(`${at(3)}<ProviderName>${escapeText(settings.providerName, eol)}</ProviderName>`);
  properties.push(`${at(3)}<Realm Enabled="${settings.realmEnabled}">${escapeText(settings.realm, eol)}</Realm>`);
  return [`${at(2)}<${method.element} xmlns="${method.namespace}">`, ...properties, `${at(2)}</${method.element}>`];
}

/** `<name>value</name>` when the value is set; nothing when it is undefined. */
function optional(line: string, name: string, value: boolean | string | undefined, eol: string): string[] {
  return value === undefined ? [] : [`${line}<${name}>${escapeText(String(value), eol)}</${name}>`];
}

function group(open: string, close: string, body: string[]): string[] {
  return body.length === 0 ? [] : [open, ...body, close];
}

function ttlsLines(settings: TtlsSettings, at: (depth: number) => string, eol: string): string[] {
  const method = EAP_METHODS.ttls;
  const validation = group(`${at(3)}<ServerValidation>`, `${at(3)}</ServerValidation>`, [
    ...optional(at(4), 'ServerNames', settings.serverNames, eol),
    ...settings.trustedRootCaHashes.map((hash) => `${at(4)}<${settings.hashElement}>${escapeText(hash, eol)}</${settings.hashElement}>`),
    ...optional(at(4), 'DisablePrompt', settings.disablePrompt, eol),
  ]);
  const inner = settings.innerMethod;
  const phase2 =
    inner === undefined
      ? []
      : inner === 'mschapv2' && settings.useWinlogonCredentials !== undefined
        ? [
            `${at(3)}<Phase2Authentication>`,
            `${at(4)}<MSCHAPv2Authentication>`,
            ...optional(at(5), 'UseWinlogonCredentials', settings.useWinlogonCredentials, eol),
            `${at(4)}</MSCHAPv2Authentication>`,
            `${at(3)}</Phase2Authentication>`,
          ]
        : [`${at(3)}<Phase2Authentication>`, `${at(4)}<${TTLS_INNER[inner]}/>`, `${at(3)}</Phase2Authentication>`];
  const identity = group(`${at(3)}<Phase1Identity>`, `${at(3)}</Phase1Identity>`, [
    ...optional(at(4), 'IdentityPrivacy', settings.identityPrivacy, eol),
    ...optional(at(4), 'AnonymousIdentity', settings.anonymousIdentity, eol),
  ]);
  return [`${at(2)}<${method.element} xmlns="${method.namespace}">`, ...validation, ...phase2, ...identity, `${at(2)}</${method.element}>`];
}

function tlsLines(settings: TlsSettings, at: (depth: number) => string, eol: string): string[] {
  const method = EAP_METHODS.tls;
  const store =
    settings.simpleCertSelection === undefined
      ? [`${at(5)}<CertificateStore/>`]
      : [`${at(5)}<CertificateStore>`, `${at(6)}<SimpleCertSelection>${settings.simpleCertSelection}</SimpleCertSelection>`, `${at(5)}</CertificateStore>`];
  const source =
    settings.credentialsSource === undefined
      ? []
      : [`${at(4)}<CredentialsSource>`, ...(settings.credentialsSource === 'smartCard' ? [`${at(5)}<SmartCard/>`] : store), `${at(4)}</CredentialsSource>`];
  const validation = group(`${at(4)}<ServerValidation>`, `${at(4)}</ServerValidation>`, [
    ...optional(at(5), 'DisableUserPromptForServerValidation', settings.disableUserPrompt, eol),
    ...optional(at(5), 'ServerNames', settings.serverNames, eol),
    ...settings.trustedRootCas.map((hash) => `${at(5)}<TrustedRootCA>${escapeText(hash, eol)}</TrustedRootCA>`),
  ]);
  return [
    `${at(2)}<Eap xmlns="${BASE_EAP}">`,
    `${at(3)}<Type>${method.type}</Type>`,
    `${at(3)}<${method.element} xmlns="${method.namespace}">`,
    ...source,
    ...validation,
    ...optional(at(4), 'DifferentUsername', settings.differentUsername, eol),
    `${at(3)}</${method.element}>`,
    `${at(2)}</Eap>`,
  ];
}

/**
 * The EapHostConfig element for these settings, indented from `indent` by `unit`, lines joined
 * with `eol` (the file's own conventions). Elements follow each schema's order.
 */
export function eapHostConfigText(settings: EapSettings, indent: string, unit: string, eol: string): string {
  const method = EAP_METHODS[settings.method];
  const at = (depth: number) => indent + unit.repeat(depth);
  const config = settings.method === 'ttls' ? ttlsLines(settings, at, eol) : settings.method === 'tls' ? tlsLines(settings, at, eol) : simAkaLines(settings, at, eol);
  return [
    `${at(0)}<EapHostConfig xmlns="${EAP_HOST_CONFIG}">`,
    `${at(1)}<EapMethod>`,
    `${at(2)}<Type xmlns="${EAP_COMMON}">${method.type}</Type>`,
    `${at(2)}<VendorId xmlns="${EAP_COMMON}">0</VendorId>`,
    `${at(2)}<VendorType xmlns="${EAP_COMMON}">0</VendorType>`,
    `${at(2)}<AuthorId xmlns="${EAP_COMMON}">311</AuthorId>`,
    `${at(1)}</EapMethod>`,
    `${at(1)}<Config xmlns="${EAP_HOST_CONFIG}">`,
    ...config,
    `${at(1)}</Config>`,
    `${at(0)}</EapHostConfig>`,
  ].join(eol);
}

// ---------------------------------------------------------------------------------------------
// Checks on the values (shown beside the fields; a value that fails is not written)

export type EapField = 'serverNames' | 'trustedRootCas' | 'anonymousIdentity' | 'realm' | 'providerName';

export interface EapProblem {
  field: EapField;
  severity: 'error' | 'warning';
  messageKey: string;
  params?: Record<string, string | number>;
}

/** A SHA-1 thumbprint: 40 hex digits, optionally in pairs separated by spaces or colons (as certificate viewers show them). */
export function thumbprintProblem(value: string): EapProblem | null {
  const digits = value.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { field: 'trustedRootCas', severity: 'error', messageKey: 'forms.eap.problem.thumbprintHex', params: { value } };
  if (digits.length !== 40) return { field: 'trustedRootCas', severity: 'error', messageKey: 'forms.eap.problem.thumbprintLength', params: { value, count: digits.length } };
  return null;
}

/** The thumbprint written as Windows' exports write it: lower-case hex pairs separated by spaces. */
export function normaliseThumbprint(value: string): string {
  return (value.replace(/[\s:]/g, '').toLowerCase().match(/../g) ?? []).join(' ');
}

/** ServerNames: names separated by semicolons, none empty, no white space inside a name. */
export function serverNamesProblem(value: string): EapProblem | null {
  if (value.trim() === '') return null;
  const names = value.split(';');
  const bad = names.find((name) => name.trim() === '' || /\s/.test(name.trim()));
  if (bad !== undefined) return { field: 'serverNames', severity: 'error', messageKey: bad.trim() === '' ? 'forms.eap.problem.serverNameEmpty' : 'forms.eap.problem.serverNameSpace', params: { value: bad.trim() } };
  return null;
}

/** The outer identity goes on the air before the tunnel: user@realm or @realm, no spaces. */
export function anonymousIdentityProblem(value: string): EapProblem | null {
  if (value === '') return null;
  if (/\s/.test(value) || (value.includes('@') && !/^[^@]*@[^@]+$/.test(value))) return { field: 'anonymousIdentity', severity: 'error', messageKey: 'forms.eap.problem.anonymousIdentity', params: { value } };
  return null;
}

/** Everything wrong or risky in a set of TTLS/TLS settings. */
export function eapSettingsProblems(settings: EapSettings): EapProblem[] {
  if (settings.method !== 'ttls' && settings.method !== 'tls') return [];
  const hashes = settings.method === 'ttls' ? settings.trustedRootCaHashes : settings.trustedRootCas;
  const serverNames = settings.serverNames ?? '';
  const problems = [serverNamesProblem(serverNames), ...hashes.map(thumbprintProblem)].filter((problem): problem is EapProblem => problem !== null);
  if (settings.method === 'ttls') {
    const identity = anonymousIdentityProblem(settings.anonymousIdentity ?? '');
    if (identity) problems.push(identity);
  }
  // Nothing pins the server: any certificate from any trusted CA for any name is taken (a rogue access point's too).
  if (serverNames.trim() === '' && hashes.length === 0) problems.push({ field: 'serverNames', severity: 'warning', messageKey: 'forms.eap.problem.serverNotPinned' });
  return problems;
}
