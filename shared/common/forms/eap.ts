// EAP-SIM and EAP-AKA settings for a Wi-Fi profile's 802.1X block (OneX/EAPConfig): what a
// Hotspot 2.0 profile needs to authenticate with the SIM. The EapHostConfig written here follows
// Windows' EapHostConfig, EapCommon and EapSim/EapAkaConnectionPropertiesV1 schemas (method type
// 18 or 23, vendor 0, author 311 = Microsoft's own methods).
import { childElements, textContent, type XmlElementNode } from '../xml/model';
import { escapeText } from '../edit/text-edits';

export type EapMethod = 'sim' | 'aka';

export interface EapSettings {
  method: EapMethod;
  /** Use the realm of the SIM's identity (Realm@Enabled), optionally a fixed realm. */
  realmEnabled: boolean;
  realm: string;
  dontRevealPermanentId: boolean;
  providerName: string;
  /** EAP-SIM only: insist on 128-bit cipher keys. */
  useStrongCipherKeys: boolean;
}

const EAP_HOST_CONFIG = 'http://www.microsoft.com/provisioning/EapHostConfig';
const EAP_COMMON = 'http://www.microsoft.com/provisioning/EapCommon';

export const EAP_METHODS: Record<EapMethod, { type: number; element: string; namespace: string }> = {
  sim: { type: 18, element: 'EapSim', namespace: 'http://www.microsoft.com/provisioning/EapSimConnectionPropertiesV1' },
  aka: { type: 23, element: 'EapAka', namespace: 'http://www.microsoft.com/provisioning/EapAkaConnectionPropertiesV1' },
};

export const DEFAULT_EAP_SETTINGS: EapSettings = {
  method: 'sim',
  realmEnabled: true,
  realm: '',
  dontRevealPermanentId: false,
  providerName: '',
  useStrongCipherKeys: false,
};

function child(element: XmlElementNode | undefined, localName: string, namespace?: string): XmlElementNode | undefined {
  return element && childElements(element).find((candidate) => candidate.localName === localName && (namespace === undefined || candidate.namespaceUri === namespace));
}

function textOf(element: XmlElementNode | undefined): string {
  return element ? textContent(element).trim() : '';
}

/** The SIM/AKA settings in an EAPConfig element; null when it holds another method (or nothing we know). */
export function readEapSettings(eapConfig: XmlElementNode): EapSettings | null {
  const host = child(eapConfig, 'EapHostConfig', EAP_HOST_CONFIG);
  const type = Number(textOf(child(child(host, 'EapMethod'), 'Type')));
  const method = (Object.keys(EAP_METHODS) as EapMethod[]).find((candidate) => EAP_METHODS[candidate].type === type);
  if (!method) return null;
  const properties = child(child(host, 'Config'), EAP_METHODS[method].element, EAP_METHODS[method].namespace);
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

/**
 * The EapHostConfig element for these settings, indented from `indent` by `unit`, lines joined
 * with `eol` (the file's own conventions). Elements follow each schema's order.
 */
export function eapHostConfigText(settings: EapSettings, indent: string, unit: string, eol: string): string {
  const method = EAP_METHODS[settings.method];
  const at = (depth: number) => indent + unit.repeat(depth);
  const properties: string[] = [];
  if (settings.method === 'sim' && settings.useStrongCipherKeys) properties.push(`${at(3)}<UseStrongCipherKeys>true</UseStrongCipherKeys>`);
  if (settings.dontRevealPermanentId) properties.push(`${at(3)}<DontRevealPermanentID>true</DontRevealPermanentID>`);
  if (settings.providerName) properties.push(`${at(3)}<ProviderName>${escapeText(settings.providerName, eol)}</ProviderName>`);
  properties.push(`${at(3)}<Realm Enabled="${settings.realmEnabled}">${escapeText(settings.realm, eol)}</Realm>`);
  return [
    `${at(0)}<EapHostConfig xmlns="${EAP_HOST_CONFIG}">`,
    `${at(1)}<EapMethod>`,
    `${at(2)}<Type xmlns="${EAP_COMMON}">${method.type}</Type>`,
    `${at(2)}<VendorId xmlns="${EAP_COMMON}">0</VendorId>`,
    `${at(2)}<VendorType xmlns="${EAP_COMMON}">0</VendorType>`,
    `${at(2)}<AuthorId xmlns="${EAP_COMMON}">311</AuthorId>`,
    `${at(1)}</EapMethod>`,
    `${at(1)}<Config xmlns="${EAP_HOST_CONFIG}">`,
    `${at(2)}<${method.element} xmlns="${method.namespace}">`,
    ...properties,
    `${at(2)}</${method.element}>`,
    `${at(1)}</Config>`,
    `${at(0)}</EapHostConfig>`,
  ].join(eol);
}
