// The semantic diff: what changes on customers' PCs between two versions of a file, in Windows'
// terms. Profiles are matched by what identifies them to Windows (the MBN role, the Wi-Fi profile
// name, the plan name, the SMS RuleId, the certificate's subject and issuer); an unmatched removed
// and added pair that is otherwise the same is a rename. Changes that Windows does not see
// (white space, comments, attribute order, namespace prefixes, the order of profiles) and changes
// of the signature alone are reported as such.
import { childElements, type Span, type XmlElementNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import type { Field, ProvisioningModel, WlanProfile } from './model';

export type DiffEntity =
  | 'global'
  | 'activation'
  | 'mbnDefault'
  | 'mbnPurchase'
  | 'smsRule'
  | 'branding'
  | 'wlanSection'
  | 'wlanProfile'
  | 'plan'
  | 'trustedCertificate'
  | 'refresh'
  | 'v2'
  | 'signature';

export type DiffKind = 'added' | 'removed' | 'renamed' | 'changed' | 'ssidAdded' | 'ssidDropped' | 'other' | 'reordered' | 'sectionAdded' | 'sectionRemoved' | 'sectionEmptied';

export interface DiffEntry {
  kind: DiffKind;
  entity: DiffEntity;
  /** The entity's name (profile, plan, rule, certificate subject); '' when it has none. */
  name: string;
  /** The setting that changed, as the file names it (AccessString, DataLimitInMegabytes, ...). */
  field?: string;
  before?: string;
  after?: string;
  /** Where in the old and the new text. */
  oldSpan?: Span;
  newSpan?: Span;
  /** True when this change deletes something from customers' PCs. */
  removesFromPcs?: boolean;
}

export type DiffVerdict = 'identical' | 'formatting' | 'signature' | 'changes';

export interface SemanticDiff {
  verdict: DiffVerdict;
  entries: DiffEntry[];
  /** Some change deletes profiles from customers' PCs (the CI gate). */
  removesProfiles: boolean;
}

/** The file's names for the model's properties (shown to the user, the same in every language). */
const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  plan: 'AssociatedPlan',
  homeProvider: 'HomeProviderName',
  apn: 'AccessString',
  userName: 'UserName',
  password: 'Password',
  compression: 'Compression',
  authProtocol: 'AuthProtocol',
  priority: 'Priority',
  roamingPartners: 'DataRoamingPartners',
  authentication: 'authentication',
  encryption: 'encryption',
  useOneX: 'useOneX',
  nonBroadcast: 'nonBroadcast',
  eapType: 'EapMethod/Type',
  fipsMode: 'FIPSMode',
  'hotspot.kind': 'HotspotProfile',
  'hotspot.extensionId': 'ExtensionId',
  'hotspot.userName': 'HotspotProfile/UserName',
  'hotspot.trustedDomains': 'TrustedDomains',
  'description.planType': 'PlanType',
  'description.billingCycle.startDate': 'BillingCycle/StartDate',
  'description.billingCycle.duration': 'BillingCycle/Duration',
  'description.billingCycle.resets': 'BillingCycle/Resets',
  'description.dataLimitMB': 'DataLimitInMegabytes',
  'description.inboundKbps': 'InboundBandwidthInKbps',
  'description.outboundKbps': 'OutboundBandwidthInKbps',
  'description.maxTransferMB': 'MaxTransferSizeInMegabytes',
  'description.securityUpdatesExempt': 'SecurityUpdatesExempt',
  'description.usageNotifications': 'DataUsageInMobileOperatorNotificationEnabled',
  'description.userSmsEnabled': 'UserSMSEnabled',
  'usage.currentUsage': 'Usage/CurrentUsage',
  'usage.overLimit': 'Usage/OverLimit',
  'usage.congested': 'Usage/Congested',
  'usage.timestamp': 'Usage/UsageTimestamp',
  ruleId: 'RuleId',
  silent: 'Silent',
  senders: 'SMSBearer/Sender',
  ussd: 'USSDBearer',
  pattern: 'Pattern',
  fields: 'Fields',
  subjectName: 'SubjectName',
  issuerName: 'IssuerName',
  delayInDays: 'DelayInDays',
  url: 'RefreshURL',
  kind: 'Activation',
  delay: 'Delay',
  retryCount: 'RetryCount',
  retryInterval: 'RetryInterval',
  data: 'CarrierSpecificData',
  carrierId: 'CarrierId',
  subscriberId: 'SubscriberId',
  'networkSettings.ipv4Mtu': 'IPv4LinkMTU',
  'networkSettings.ipv6Mtu': 'IPv6LinkMTU',
  'networkSettings.dnsRetryInterval': 'DNSRetryIntervalInSeconds',
  'networkSettings.dnsRetryCount': 'DNSRetryCount',
  dataClassNames: 'DataClassFriendlyNames',
  supportPhone: 'CustomerSupportPhoneNumber',
  multiplePdpSupport: 'MultiplePDPContextSupport',
  pdpContextPolicies: 'PDPContextPolicy',
  'tethering.name': 'TetheringProfile/Name',
  'tethering.apn': 'TetheringProfile/AccessString',
  'tethering.maxDevices': 'MaxNumberOfDevices',
  hasLogo: 'Logo',
};

const SECRET_FIELDS = new Set(['password']);
const SKIPPED = new Set(['span', 'index', 'role', 'value', 'certificates']);

function isField(value: unknown): value is Field {
  return typeof value === 'object' && value !== null && 'value' in value && 'span' in value && typeof (value as Field).value === 'string';
}

/** The entity's settings as "path -> value" (lists joined, nested objects flattened), skipping `skip`. */
function settingsOf(entity: object, skip: readonly string[] = [], prefix = ''): Map<string, { value: string; span?: Span }> {
  const settings = new Map<string, { value: string; span?: Span }>();
  for (const [key, value] of Object.entries(entity)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (SKIPPED.has(key) || skip.includes(path) || value === undefined) continue;
    if (isField(value)) settings.set(path, { value: SECRET_FIELDS.has(key) ? secret(value.value) : value.value, span: value.span });
    else if (Array.isArray(value)) settings.set(path, { value: value.map((item) => (isField(item) ? item.value : isNamed(item) ? item.name.value : JSON.stringify(item))).join(', ') });
    else if (typeof value === 'object' && value !== null) for (const [inner, setting] of settingsOf(value, skip, path)) settings.set(inner, setting);
    else settings.set(path, { value: String(value) });
  }
  return settings;
}

function isNamed(value: unknown): value is { name: Field } {
  return typeof value === 'object' && value !== null && 'name' in value && isField((value as { name: unknown }).name);
}

/** Secrets are compared, never shown: equal secrets look equal, different ones differ. */
function secret(value: string): string {
  let hash = 0;
  for (let index = 0; index < value.length; index++) hash = (Math.imul(hash, 31) + value.charCodeAt(index)) | 0;
  return `•••• (${(hash >>> 0).toString(16).padStart(8, '0').slice(0, 4)})`;
}

function fieldLabel(path: string): string {
  return FIELD_NAMES[path] ?? FIELD_NAMES[path.split('.').at(-1) ?? path] ?? path;
}

// ---- canonical text: what Windows sees of an element ---------------------------------------

function canonicalElement(element: XmlElementNode, sortLists: boolean, skipSignature: boolean): string {
  const attributes = element.attributes
    .filter((attribute) => attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns')
    .map((attribute) => `${attribute.namespaceUri}|${attribute.localName}=${attribute.value}`)
    .sort();
  const parts: string[] = [];
  for (const child of element.children) {
    if (child.kind === 'element') {
      if (skipSignature && child.localName === 'Signature' && element.parent === null) continue;
      parts.push(canonicalElement(child, sortLists, skipSignature));
    } else if ((child.kind === 'text' || child.kind === 'cdata') && child.value.trim() !== '') {
      parts.push(JSON.stringify(child.value.trim()));
    }
  }
  if (sortLists && LIST_PARENTS.has(element.localName)) parts.sort();
  return `<${element.namespaceUri}|${element.localName} ${attributes.join(' ')}>${parts.join('')}</>`;
}

/** Elements whose children Windows takes as a set (by name), not as a sequence. */
const LIST_PARENTS = new Set(['WLANProfiles', 'Plans', 'TrustedCertificates', 'Messages', 'DataRoamingPartners', 'TrustedDomains']);

function rootOf(model: ProvisioningModel): XmlElementNode | undefined {
  const parsed = parseXml(model.text);
  return parsed.ok ? parsed.document.root : undefined;
}

/** Canonical text of the element starting at `span` (found in the parsed tree). */
function canonicalAt(root: XmlElementNode | undefined, span: Span): string | undefined {
  if (!root) return undefined;
  const stack: XmlElementNode[] = [root];
  while (stack.length) {
    const element = stack.pop()!;
    if (element.start === span.start && element.end === span.end) return canonicalElement(element, true, false);
    if (element.start <= span.start && element.end >= span.end) stack.push(...childElements(element));
  }
  return undefined;
}

// ---- comparing -----------------------------------------------------------------------------

class Differ {
  readonly entries: DiffEntry[] = [];
  readonly oldRoot: XmlElementNode | undefined;
  readonly newRoot: XmlElementNode | undefined;

  constructor(
    readonly before: ProvisioningModel,
    readonly after: ProvisioningModel,
  ) {
    this.oldRoot = rootOf(before);
    this.newRoot = rootOf(after);
  }

  add(entry: DiffEntry): void {
    for (const key of Object.keys(entry) as (keyof DiffEntry)[]) if (entry[key] === undefined) delete entry[key];
    this.entries.push(entry);
  }

  /** Field-by-field changes of one matched entity; an "other settings" entry when only unmodelled parts differ. */
  fields(entity: DiffEntity, name: string, oldEntity: object & { span: Span }, newEntity: object & { span: Span }, skip: readonly string[] = [], alreadyChanged = false): void {
    const oldSettings = settingsOf(oldEntity, skip);
    const newSettings = settingsOf(newEntity, skip);
    let changed = alreadyChanged;
    for (const path of new Set([...oldSettings.keys(), ...newSettings.keys()])) {
      const was = oldSettings.get(path);
      const now = newSettings.get(path);
      if (was?.value === now?.value) continue;
      changed = true;
      this.add({ kind: 'changed', entity, name, field: fieldLabel(path), before: was?.value, after: now?.value, oldSpan: was?.span ?? oldEntity.span, newSpan: now?.span ?? newEntity.span });
    }
    if (!changed && canonicalAt(this.oldRoot, oldEntity.span) !== canonicalAt(this.newRoot, newEntity.span)) {
      this.add({ kind: 'other', entity, name, oldSpan: oldEntity.span, newSpan: newEntity.span });
    }
  }

  single<T extends object & { span: Span }>(entity: DiffEntity, name: (value: T) => string, was: T | undefined, now: T | undefined, removesFromPcs = false): void {
    if (!was && !now) return;
    if (was && !now) this.add({ kind: 'removed', entity, name: name(was), oldSpan: was.span, removesFromPcs });
    else if (!was && now) this.add({ kind: 'added', entity, name: name(now), newSpan: now.span });
    else this.fields(entity, name(now!), was!, now!);
  }

  /**
   * Entities matched by key; unmatched pairs that are equal but for the key are renames.
   * `removesFromPcs`: whether a removed entity is deleted from PCs.
   */
  keyed<T extends object & { span: Span }>(
    entity: DiffEntity,
    key: (value: T) => string,
    keyField: string,
    was: T[],
    now: T[],
    removesFromPcs: boolean,
    extra?: { skip: readonly string[]; compare: (name: string, was: T, now: T) => void },
  ): void {
    const newByKey = new Map(now.map((item) => [key(item), item]));
    const oldByKey = new Map(was.map((item) => [key(item), item]));
    const removed = was.filter((item) => !newByKey.has(key(item)));
    const added = now.filter((item) => !oldByKey.has(key(item)));
    for (const item of was) {
      const match = newByKey.get(key(item));
      if (!match) continue;
      const count = this.entries.length;
      extra?.compare(key(item), item, match);
      this.fields(entity, key(item), item, match, [keyField, ...(extra?.skip ?? [])], this.entries.length > count);
    }
    for (const item of removed) {
      const signature = [...settingsOf(item, [keyField]).entries()].map(([path, setting]) => `${path}=${setting.value}`).join('\n');
      const twin = added.find((candidate) => [...settingsOf(candidate, [keyField]).entries()].map(([path, setting]) => `${path}=${setting.value}`).join('\n') === signature);
      if (twin && signature !== '') {
        added.splice(added.indexOf(twin), 1);
        this.add({ kind: 'renamed', entity, name: key(twin), before: key(item), after: key(twin), oldSpan: item.span, newSpan: twin.span });
      } else {
        this.add({ kind: 'removed', entity, name: key(item), oldSpan: item.span, removesFromPcs });
      }
    }
    for (const item of added) this.add({ kind: 'added', entity, name: key(item), newSpan: item.span });
    const sameSet = removed.length === 0 && added.length === 0 && was.length === now.length;
    if (sameSet && was.map(key).join('\n') !== now.map(key).join('\n')) this.add({ kind: 'reordered', entity, name: '', oldSpan: was[0]?.span, newSpan: now[0]?.span });
  }

  ssids(name: string, was: WlanProfile, now: WlanProfile): void {
    const list = (profile: WlanProfile) => [...profile.ssids.map((ssid) => ssid.value), ...profile.ssidPrefixes.map((prefix) => `${prefix.value}*`)];
    const before = list(was);
    const after = list(now);
    const spans = (profile: WlanProfile) => [...profile.ssids, ...profile.ssidPrefixes];
    for (const [index, ssid] of after.entries()) if (!before.includes(ssid)) this.add({ kind: 'ssidAdded', entity: 'wlanProfile', name, after: ssid, oldSpan: was.span, newSpan: spans(now)[index]!.span });
    for (const [index, ssid] of before.entries()) if (!after.includes(ssid)) this.add({ kind: 'ssidDropped', entity: 'wlanProfile', name, before: ssid, oldSpan: spans(was)[index]!.span, newSpan: now.span });
  }
}

function fieldValue(field: Field | undefined): string {
  return field?.value ?? '';
}

/** Compares two versions of a file. Both models should be `ok`; a model that is not compares as empty. */
export function diffModels(before: ProvisioningModel, after: ProvisioningModel): SemanticDiff {
  const differ = new Differ(before, after);
  const global = (model: ProvisioningModel) => (model.carrierId ? { span: model.carrierId.span, carrierId: model.carrierId, subscriberId: model.subscriberId } : undefined);
  differ.single('global', () => '', global(before), global(after));
  differ.single('activation', (activation) => activation.kind, before.activation, after.activation);
  differ.single('mbnDefault', (profile) => fieldValue(profile.name), before.mbn?.defaultProfile, after.mbn?.defaultProfile);
  differ.single('mbnPurchase', (profile) => fieldValue(profile.name), before.mbn?.purchaseProfile, after.mbn?.purchaseProfile);
  differ.keyed('smsRule', (rule) => rule.ruleId?.value ?? `#${rule.index}`, 'ruleId', before.mbn?.smsRules ?? [], after.mbn?.smsRules ?? [], false);
  differ.single('branding', (branding) => fieldValue(branding.name), before.mbn?.branding, after.mbn?.branding);

  // Wi-Fi: the section's presence decides what happens to profiles the file does not list.
  const oldWlan = before.wlan;
  const newWlan = after.wlan;
  if (oldWlan && !newWlan) differ.add({ kind: 'sectionRemoved', entity: 'wlanSection', name: '', oldSpan: oldWlan.span });
  if (!oldWlan && newWlan) differ.add({ kind: newWlan.profiles.length ? 'sectionAdded' : 'sectionEmptied', entity: 'wlanSection', name: '', newSpan: newWlan.span, removesFromPcs: true });
  if (oldWlan && newWlan) {
    if (oldWlan.profiles.length > 0 && newWlan.profiles.length === 0) differ.add({ kind: 'sectionEmptied', entity: 'wlanSection', name: '', oldSpan: oldWlan.span, newSpan: newWlan.span, removesFromPcs: true });
    differ.keyed('wlanProfile', (profile) => profile.name.value, 'name', oldWlan.profiles, newWlan.profiles, true, {
      skip: ['ssids', 'ssidPrefixes'],
      compare: (name, was, now) => differ.ssids(name, was, now),
    });
  }

  differ.keyed('plan', (plan) => plan.name.value, 'name', before.plans?.plans ?? [], after.plans?.plans ?? [], false);
  const certificateKey = (certificate: { subjectName?: Field; issuerName?: Field }) => `${fieldValue(certificate.subjectName)} / ${fieldValue(certificate.issuerName)}`;
  differ.keyed('trustedCertificate', certificateKey, '', before.provisioning?.trustedCertificates?.certificates ?? [], after.provisioning?.trustedCertificates?.certificates ?? [], false);
  differ.single('refresh', (refresh) => fieldValue(refresh.url), before.provisioning?.refresh, after.provisioning?.refresh);
  differ.single('v2', () => '', before.v2, after.v2);

  // The signature: added, removed or changed (a new SignatureValue).
  const oldSignature = before.signature;
  const newSignature = after.signature;
  if (oldSignature && !newSignature) differ.add({ kind: 'removed', entity: 'signature', name: '', oldSpan: oldSignature.span });
  else if (!oldSignature && newSignature) differ.add({ kind: 'added', entity: 'signature', name: '', newSpan: newSignature.span });
  else if (oldSignature && newSignature && canonicalAt(differ.oldRoot, oldSignature.span) !== canonicalAt(differ.newRoot, newSignature.span)) {
    differ.add({ kind: 'changed', entity: 'signature', name: '', field: 'SignatureValue', oldSpan: oldSignature.span, newSpan: newSignature.span });
  }

  const entries = differ.entries;
  const removesProfiles = entries.some((entry) => entry.removesFromPcs);
  let verdict: DiffVerdict;
  if (before.text === after.text) verdict = 'identical';
  else if (entries.every((entry) => entry.kind === 'reordered')) {
    // Nothing Windows sees changed; make sure with the whole document (order of sets ignored).
    const same = differ.oldRoot && differ.newRoot && canonicalElement(differ.oldRoot, true, false) === canonicalElement(differ.newRoot, true, false);
    verdict = same ? 'formatting' : 'changes';
    if (!same) differ.add({ kind: 'other', entity: 'global', name: '', oldSpan: before.rootSpan, newSpan: after.rootSpan });
  } else if (entries.every((entry) => entry.entity === 'signature' || entry.kind === 'reordered')) {
    const same = differ.oldRoot && differ.newRoot && canonicalElement(differ.oldRoot, true, true) === canonicalElement(differ.newRoot, true, true);
    verdict = same ? 'signature' : 'changes';
  } else verdict = 'changes';
  return { verdict, entries, removesProfiles };
}
