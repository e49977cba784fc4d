// The small declarative layer on top of the schema model: which label, help text and widget an
// element or attribute gets in the forms. Pure data plus lookups.
//
// Labels and help are i18n keys: `forms.label.<alias>.<Name>` / `forms.help.<alias>.<Name>` for an
// element, `forms.label.<alias>.<Element>@<attr>` / `forms.help.…@<attr>` for an attribute, where
// <alias> is the short namespace name below. A key that exists in the catalogue is used; an
// element without one gets a label made from its name and the XSD documentation as help
// (English), so every element of every namespace has a form.
import { isMessageKey, type MessageKey } from '../i18n/core';
import { NAMESPACES } from '../xml/namespaces';

export const NS = {
  cc: NAMESPACES.carrierControlV1,
  cc2: NAMESPACES.carrierControlV2,
  base: NAMESPACES.base,
  wwan: NAMESPACES.wwan,
  plans: NAMESPACES.plans,
  wlan: NAMESPACES.wlanV1,
  wlan2: NAMESPACES.wlanV2,
  hs: NAMESPACES.hotspot,
  onex: NAMESPACES.oneX,
  ds: NAMESPACES.xmlDsig,
} as const;

/** The short name of each namespace in i18n keys (`forms.label.<alias>.<Name>`). */
export const NAMESPACE_ALIASES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(NS).map(([alias, namespace]) => [namespace, alias])),
  [NAMESPACES.resultsV1]: 'res1',
  [NAMESPACES.resultsV2]: 'res2',
};

export function aliasOf(namespace: string): string {
  return NAMESPACE_ALIASES[namespace] ?? 'x';
}

export type WidgetKind =
  | 'text'
  | 'multiline'
  | 'number'
  | 'select'
  | 'checkbox'
  | 'guid'
  | 'duration'
  | 'base64'
  | 'hex'
  | 'password'
  | 'dateTime'
  | 'url'
  | 'regex'
  | 'planRef'
  | 'thumbprint'
  | 'timestampFormat';

/**
 * Widget choices the types alone do not tell. Keyed `<alias>:<Element>` (element text) or
 * `<alias>:<Element>@<attr>`. `*` matches any alias.
 */
export const WIDGET_OVERRIDES: Readonly<Record<string, WidgetKind>> = {
  'cc:CarrierId': 'guid',
  'wwan:CarrierSpecificData': 'base64',
  'wwan:Logo': 'base64',
  'wwan:Password': 'password',
  'cc:Password': 'password',
  'cc2:Password': 'password',
  'hs:Password': 'password',
  'wlan:keyMaterial': 'password',
  'wwan:AssociatedPlan': 'planRef',
  'wlan:AssociatedPlan': 'planRef',
  'wwan:Pattern': 'regex',
  'wwan:UsageTimestamp@Format': 'timestampFormat',
  'cc:RefreshURL': 'url',
  'plans:Usage@UsageTimestamp': 'dateTime',
  'plans:BillingCycle@StartDate': 'dateTime',
  'ds:X509Certificate': 'base64',
  'res1:Thumbprint': 'thumbprint',
  'ds:SignatureValue': 'base64',
  'ds:DigestValue': 'base64',
};

function declarationKey(namespace: string, localName: string, attribute?: string): string {
  return `${aliasOf(namespace)}.${localName}${attribute ? `@${attribute}` : ''}`;
}

/** The catalogue key of a hand-written label, when there is one. */
export function labelKeyOf(namespace: string, localName: string, attribute?: string): MessageKey | undefined {
  const key = `forms.label.${declarationKey(namespace, localName, attribute)}`;
  return isMessageKey(key) ? key : undefined;
}

/** The catalogue key of hand-written help, when there is one. */
export function helpKeyOf(namespace: string, localName: string, attribute?: string): MessageKey | undefined {
  const key = `forms.help.${declarationKey(namespace, localName, attribute)}`;
  return isMessageKey(key) ? key : undefined;
}

export function widgetOverride(namespace: string, localName: string, attribute?: string): WidgetKind | undefined {
  const alias = aliasOf(namespace);
  const suffix = `${localName}${attribute ? `@${attribute}` : ''}`;
  return WIDGET_OVERRIDES[`${alias}:${suffix}`] ?? WIDGET_OVERRIDES[`*:${suffix}`];
}

/** "DataLimitInMegabytes" -> "Data limit in megabytes"; "PMKCacheTTL" -> "PMK cache TTL"; "useOneX" -> "Use one X". */
export function humanize(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .map((word, index) => {
      if (/^[A-Z0-9]+$/.test(word)) return word;
      if (index === 0) return word[0]!.toUpperCase() + word.slice(1);
      return word.toLowerCase();
    })
    .join(' ');
}

/**
 * Elements a form offers to add where the schema has an open slot (xs:any): the extension blocks
 * the reference documents for that place. Anything else found there is shown, but not offered.
 */
export const WILDCARD_EXTENSIONS: Readonly<Record<string, readonly { namespace: string; localName: string }[]>> = {
  [`{${NS.wlan}}security`]: [
    { namespace: NS.hs, localName: 'HotspotProfile' },
    { namespace: NS.onex, localName: 'OneX' },
    { namespace: NS.wlan2, localName: 'FIPSMode' },
  ],
  [`{${NS.cc}}Extensions`]: [{ namespace: NS.cc2, localName: 'Extensions_v2' }],
};
