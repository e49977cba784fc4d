// A provisioning file in Windows' terms: what it sets, read from the positioned XML tree. One model
// for the summary ("what this file does"), the dry run (what Windows will answer) and the semantic
// diff (what changed on customers' PCs). Pure: no Node, no DOM. Every entity keeps the span of its
// element so each sentence, prediction and change can point back into the text.
import { childElements, findAttribute, textContent, type Span, type XmlElementNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import type { Diagnostic } from '../xml/diagnostic';

/** One value as written, with where it is written (the element's or attribute's span). */
export interface Field {
  value: string;
  span: Span;
}

export type MbnRole = 'default' | 'purchase';

export interface MbnProfile {
  role: MbnRole;
  span: Span;
  name?: Field;
  description?: Field;
  plan?: Field;
  homeProvider?: Field;
  apn?: Field;
  userName?: Field;
  /** Present when a password is written (its value is never shown, only compared). */
  password?: Field;
  compression?: Field;
  authProtocol?: Field;
  priority?: Field;
  roamingPartners: Field[];
}

export type HotspotAuth = 'basicAuth' | 'extAuth' | 'credentials';

export interface WlanProfile {
  span: Span;
  name: Field;
  ssids: Field[];
  ssidPrefixes: Field[];
  authentication?: Field;
  encryption?: Field;
  useOneX?: Field;
  plan?: Field;
  priority?: Field;
  nonBroadcast?: Field;
  hotspot?: { kind: HotspotAuth; span: Span; extensionId?: Field; userName?: Field; trustedDomains: Field[] };
  eapType?: Field;
  fipsMode?: Field;
}

export interface PlanBillingCycle {
  span: Span;
  startDate?: Field;
  duration?: Field;
  resets?: Field;
}

export interface PlanUsage {
  span: Span;
  currentUsage?: Field;
  overLimit?: Field;
  congested?: Field;
  timestamp?: Field;
}

export interface Plan {
  span: Span;
  name: Field;
  description?: {
    span: Span;
    planType?: Field;
    billingCycle?: PlanBillingCycle;
    dataLimitMB?: Field;
    inboundKbps?: Field;
    outboundKbps?: Field;
    maxTransferMB?: Field;
    securityUpdatesExempt?: Field;
    usageNotifications?: Field;
    userSmsEnabled?: Field;
  };
  usage?: PlanUsage;
}

export interface SmsRule {
  span: Span;
  /** 1-based position among the file's rules (rules without a RuleId are told apart by it). */
  index: number;
  ruleId?: Field;
  silent?: Field;
  senders: Field[];
  ussd: boolean;
  pattern?: Field;
  /** Names of the extracted fields (Usage, DataLimit, RefreshProvisioning, ...). */
  fields: Field[];
}

export interface TrustedCertificate {
  span: Span;
  subjectName?: Field;
  issuerName?: Field;
}

export interface RefreshParameters {
  span: Span;
  delayInDays?: Field;
  url?: Field;
  userName?: Field;
  password?: Field;
}

export type ActivationKind = 'ServiceActivation' | 'ReconnectToNetwork' | 'ReregisterToNetwork';

export interface Activation {
  span: Span;
  kind: ActivationKind;
  delay?: Field;
  retryCount?: Field;
  retryInterval?: Field;
  /** ServiceActivation's CarrierSpecificData (base64). */
  data?: Field;
}

export interface V2Additions {
  span: Span;
  networkSettings?: { span: Span; ipv4Mtu?: Field; ipv6Mtu?: Field; dnsRetryInterval?: Field; dnsRetryCount?: Field };
  dataClassNames: Field[];
  supportPhone?: Field;
  multiplePdpSupport?: Field;
  pdpContextPolicies: { span: Span; name: Field; apn?: Field; appIds: Field[] }[];
  tethering?: { span: Span; name?: Field; apn?: Field; maxDevices?: Field };
}

export interface SignatureInfo {
  span: Span;
  /** SignatureValue text, white space removed. */
  value?: Field;
  /** Number of X509Certificate elements. */
  certificates: number;
}

export interface ProvisioningModel {
  /** The text the spans refer to. */
  text: string;
  /** False when the text is not well-formed or its root is not CarrierProvisioning. */
  ok: boolean;
  error?: Diagnostic;
  rootSpan: Span;
  carrierId?: Field;
  subscriberId?: Field;
  activation?: Activation;
  /** Present when the file has an MBNProfiles element. */
  mbn?: {
    span: Span;
    defaultProfile?: MbnProfile;
    purchaseProfile?: MbnProfile;
    smsRules: SmsRule[];
    branding?: { span: Span; name?: Field; hasLogo: boolean };
  };
  /** Present when the file has a WLANProfiles element (empty list = empty section: deletes all). */
  wlan?: { span: Span; profiles: WlanProfile[] };
  plans?: { span: Span; plans: Plan[] };
  provisioning?: { span: Span; trustedCertificates?: { span: Span; certificates: TrustedCertificate[] }; refresh?: RefreshParameters };
  v2?: V2Additions;
  signature?: SignatureInfo;
}

const EMPTY_SPAN: Span = { start: 0, end: 0 };

function span(element: XmlElementNode): Span {
  return { start: element.start, end: element.end };
}

function child(element: XmlElementNode | undefined, localName: string): XmlElementNode | undefined {
  if (!element) return undefined;
  for (const node of element.children) if (node.kind === 'element' && node.localName === localName) return node;
  return undefined;
}

function children(element: XmlElementNode | undefined, localName: string): XmlElementNode[] {
  return element ? childElements(element).filter((node) => node.localName === localName) : [];
}

function textField(element: XmlElementNode | undefined): Field | undefined {
  if (!element) return undefined;
  return { value: textContent(element).trim(), span: span(element) };
}

function childText(element: XmlElementNode | undefined, localName: string): Field | undefined {
  return textField(child(element, localName));
}

function attributeField(element: XmlElementNode | undefined, localName: string): Field | undefined {
  if (!element) return undefined;
  const attribute = findAttribute(element, localName);
  return attribute ? { value: attribute.value.trim(), span: { start: attribute.start, end: attribute.end } } : undefined;
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

function readMbnProfile(element: XmlElementNode, role: MbnRole): MbnProfile {
  const context = child(element, 'Context');
  const logon = child(context, 'UserLogonCred');
  return defined({
    role,
    span: span(element),
    name: childText(element, 'Name'),
    description: childText(element, 'Description'),
    plan: childText(element, 'AssociatedPlan'),
    homeProvider: childText(element, 'HomeProviderName'),
    apn: childText(context, 'AccessString'),
    userName: childText(logon, 'UserName'),
    password: childText(logon, 'Password'),
    compression: childText(context, 'Compression'),
    authProtocol: childText(context, 'AuthProtocol'),
    priority: attributeField(element, 'Priority'),
    roamingPartners: children(child(element, 'DataRoamingPartners'), 'Provider').map((provider) => {
      const id = childText(provider, 'ProviderID');
      const name = childText(provider, 'ProviderName');
      return { value: [id?.value, name?.value].filter(Boolean).join(' '), span: span(provider) };
    }),
  });
}

function descendants(element: XmlElementNode, localName: string): XmlElementNode[] {
  const found: XmlElementNode[] = [];
  const visit = (node: XmlElementNode) => {
    for (const next of childElements(node)) {
      if (next.localName === localName) found.push(next);
      visit(next);
    }
  };
  visit(element);
  return found;
}

function readWlanProfile(element: XmlElementNode): WlanProfile {
  const ssidConfig = child(element, 'SSIDConfig');
  const ssids: Field[] = [];
  const ssidPrefixes: Field[] = [];
  for (const node of ssidConfig ? childElements(ssidConfig) : []) {
    // v1: <SSID><name>…</name></SSID> (or <hex>); v2: <SSID><name>…</name></SSID> in the v2 namespace, <SSIDPrefix><name>…
    const value = childText(node, 'name') ?? childText(node, 'hex');
    if (!value) continue;
    if (node.localName === 'SSID') ssids.push({ value: value.value, span: span(node) });
    else if (node.localName === 'SSIDPrefix') ssidPrefixes.push({ value: value.value, span: span(node) });
  }
  const nonBroadcast = childText(ssidConfig, 'nonBroadcast');
  const security = child(child(element, 'MSM'), 'security');
  const authEncryption = child(security, 'authEncryption');
  const hotspotElement = child(security, 'HotspotProfile');
  let hotspot: WlanProfile['hotspot'];
  if (hotspotElement) {
    const basic = child(hotspotElement, 'BasicAuth');
    const ext = child(hotspotElement, 'ExtAuth');
    hotspot = defined({
      kind: basic ? 'basicAuth' : ext ? 'extAuth' : 'credentials',
      span: span(hotspotElement),
      extensionId: childText(ext, 'ExtensionId'),
      userName: childText(basic, 'UserName') ?? childText(hotspotElement, 'UserName'),
      trustedDomains: children(child(hotspotElement, 'TrustedDomains'), 'TrustedDomain').map((domain) => textField(domain)!),
    } as NonNullable<WlanProfile['hotspot']>);
  }
  const eapMethod = security ? descendants(security, 'EapMethod')[0] : undefined;
  const fips = security ? descendants(security, 'FIPSMode')[0] : undefined;
  return defined({
    span: span(element),
    name: childText(element, 'name') ?? { value: '', span: span(element) },
    ssids,
    ssidPrefixes,
    authentication: childText(authEncryption, 'authentication'),
    encryption: childText(authEncryption, 'encryption'),
    useOneX: childText(authEncryption, 'useOneX'),
    plan: childText(element, 'AssociatedPlan'),
    priority: attributeField(element, 'Priority'),
    nonBroadcast,
    hotspot,
    eapType: childText(eapMethod, 'Type'),
    fipsMode: textField(fips),
  });
}

function readPlan(element: XmlElementNode): Plan {
  const description = child(element, 'Description');
  const usage = child(element, 'Usage');
  const cycle = child(description, 'BillingCycle');
  return defined({
    span: span(element),
    name: attributeField(element, 'Name') ?? { value: '', span: span(element) },
    description: description
      ? defined({
          span: span(description),
          planType: attributeField(description, 'PlanType'),
          billingCycle: cycle
            ? defined({ span: span(cycle), startDate: attributeField(cycle, 'StartDate'), duration: attributeField(cycle, 'Duration'), resets: attributeField(cycle, 'Resets') })
            : undefined,
          dataLimitMB: childText(description, 'DataLimitInMegabytes'),
          inboundKbps: childText(description, 'InboundBandwidthInKbps'),
          outboundKbps: childText(description, 'OutboundBandwidthInKbps'),
          maxTransferMB: childText(description, 'MaxTransferSizeInMegabytes'),
          securityUpdatesExempt: childText(description, 'SecurityUpdatesExempt'),
          usageNotifications: childText(description, 'DataUsageInMobileOperatorNotificationEnabled'),
          userSmsEnabled: childText(description, 'UserSMSEnabled'),
        })
      : undefined,
    usage: usage
      ? defined({
          span: span(usage),
          currentUsage: attributeField(usage, 'CurrentUsage'),
          overLimit: attributeField(usage, 'OverLimit'),
          congested: attributeField(usage, 'Congested'),
          timestamp: attributeField(usage, 'UsageTimestamp'),
        })
      : undefined,
  });
}

function readSmsRule(element: XmlElementNode, index: number): SmsRule {
  return defined({
    span: span(element),
    index,
    ruleId: attributeField(element, 'RuleId'),
    silent: attributeField(element, 'Silent'),
    senders: children(element, 'SMSBearer').map((bearer) => attributeField(bearer, 'Sender') ?? { value: '', span: span(bearer) }),
    ussd: children(element, 'USSDBearer').length > 0,
    pattern: childText(element, 'Pattern'),
    fields: childElements(child(element, 'Fields') ?? element)
      .filter((field) => field.parent?.localName === 'Fields')
      .map((field) => ({ value: field.localName, span: span(field) })),
  });
}

function readActivation(element: XmlElementNode): Activation | undefined {
  const method = childElements(element)[0];
  if (!method) return undefined;
  const kind = (['ServiceActivation', 'ReconnectToNetwork', 'ReregisterToNetwork'] as const).find((name) => name === method.localName);
  if (!kind) return undefined;
  return defined({
    span: span(element),
    kind,
    delay: attributeField(method, 'Delay'),
    retryCount: attributeField(method, 'RetryCount'),
    retryInterval: attributeField(method, 'RetryInterval'),
    data: childText(method, 'CarrierSpecificData'),
  });
}

function readV2(element: XmlElementNode): V2Additions {
  const metadata = child(element, 'CarrierNetworkMetadata');
  const settings = child(metadata, 'NetworkSettings');
  const dns = child(settings, 'DNSRetrySettings');
  const pdp = child(element, 'AdditionalPDPContexts');
  const policies = child(pdp, 'MultiplePDPContextPolicies');
  const tethering = child(pdp, 'TetheringSettings');
  const tetheringProfile = child(tethering, 'TetheringProfile');
  return defined({
    span: span(element),
    networkSettings: settings
      ? defined({
          span: span(settings),
          ipv4Mtu: childText(settings, 'IPv4LinkMTU'),
          ipv6Mtu: childText(settings, 'IPv6LinkMTU'),
          dnsRetryInterval: childText(dns, 'DNSRetryIntervalInSeconds'),
          dnsRetryCount: childText(dns, 'DNSRetryCount'),
        })
      : undefined,
    dataClassNames: childElements(child(metadata, 'DataClassFriendlyNames') ?? element)
      .filter((node) => node.parent?.localName === 'DataClassFriendlyNames')
      .map((node) => ({ value: `${node.localName}=${textContent(node).trim()}`, span: span(node) })),
    supportPhone: childText(metadata, 'CustomerSupportPhoneNumber'),
    multiplePdpSupport: attributeField(policies, 'MultiplePDPContextSupport'),
    pdpContextPolicies: children(policies, 'PDPContextPolicy').map((policy) =>
      defined({
        span: span(policy),
        name: childText(policy, 'Name') ?? { value: '', span: span(policy) },
        apn: childText(child(policy, 'Context'), 'AccessString'),
        appIds: children(child(policy, 'AppIDList'), 'AppID').map((app) => textField(app)!),
      }),
    ),
    tethering: tethering
      ? defined({
          span: span(tethering),
          name: childText(tetheringProfile, 'Name'),
          apn: childText(child(tetheringProfile, 'Context'), 'AccessString'),
          maxDevices: childText(tethering, 'MaxNumberOfDevices'),
        })
      : undefined,
  });
}

/** Reads the model from an already parsed root element. */
export function modelFromRoot(text: string, root: XmlElementNode): ProvisioningModel {
  const model: ProvisioningModel = { text, ok: root.localName === 'CarrierProvisioning', rootSpan: span(root) };
  if (!model.ok) return model;
  const global = child(root, 'Global');
  const carrierId = childText(global, 'CarrierId');
  const subscriberId = childText(global, 'SubscriberId');
  if (carrierId) model.carrierId = carrierId;
  if (subscriberId) model.subscriberId = subscriberId;

  const activation = child(root, 'Activation');
  const readActivationResult = activation ? readActivation(activation) : undefined;
  if (readActivationResult) model.activation = readActivationResult;

  const mbn = child(root, 'MBNProfiles');
  if (mbn) {
    const defaultProfile = child(mbn, 'DefaultProfile');
    const purchaseProfile = child(mbn, 'PurchaseProfile');
    const branding = child(mbn, 'Branding');
    model.mbn = defined({
      span: span(mbn),
      defaultProfile: defaultProfile ? readMbnProfile(defaultProfile, 'default') : undefined,
      purchaseProfile: purchaseProfile ? readMbnProfile(purchaseProfile, 'purchase') : undefined,
      smsRules: children(child(mbn, 'Messages'), 'Message').map((message, index) => readSmsRule(message, index + 1)),
      branding: branding ? defined({ span: span(branding), name: childText(branding, 'Name'), hasLogo: !!child(branding, 'Logo') }) : undefined,
    });
  }

  const wlan = child(root, 'WLANProfiles');
  if (wlan) model.wlan = { span: span(wlan), profiles: children(wlan, 'WLANProfile').map(readWlanProfile) };

  const plans = child(root, 'Plans');
  if (plans) model.plans = { span: span(plans), plans: children(plans, 'Plan').map(readPlan) };

  const provisioning = child(root, 'Provisioning');
  if (provisioning) {
    const trusted = child(provisioning, 'TrustedCertificates');
    const refresh = child(provisioning, 'RefreshParameters');
    model.provisioning = defined({
      span: span(provisioning),
      trustedCertificates: trusted
        ? {
            span: span(trusted),
            certificates: children(trusted, 'TrustedCertificate').map((certificate) =>
              defined({ span: span(certificate), subjectName: childText(certificate, 'SubjectName'), issuerName: childText(certificate, 'IssuerName') }),
            ),
          }
        : undefined,
      refresh: refresh
        ? defined({
            span: span(refresh),
            delayInDays: childText(refresh, 'DelayInDays'),
            url: childText(refresh, 'RefreshURL'),
            userName: childText(refresh, 'UserName'),
            password: childText(refresh, 'Password'),
          })
        : undefined,
    });
  }

  const v2 = child(child(root, 'Extensions'), 'Extensions_v2');
  if (v2) model.v2 = readV2(v2);

  const signature = child(root, 'Signature');
  if (signature) {
    const value = child(signature, 'SignatureValue');
    model.signature = defined({
      span: span(signature),
      value: value ? { value: textContent(value).replace(/\s+/g, ''), span: span(value) } : undefined,
      certificates: descendants(signature, 'X509Certificate').length,
    });
  }
  return model;
}

/** Reads a provisioning file's text. Never throws: a malformed text gives `ok: false` with the parser's error. */
export function readProvisioningModel(text: string): ProvisioningModel {
  const parsed = parseXml(text);
  if (!parsed.ok) return { text, ok: false, error: parsed.error, rootSpan: EMPTY_SPAN };
  return modelFromRoot(text, parsed.document.root);
}

/** Every profile the file creates or updates (MBN then Wi-Fi), with the plan it names. */
export function profilesOf(model: ProvisioningModel): { kind: 'mbn' | 'wlan'; name: string; plan?: Field; span: Span }[] {
  const profiles: { kind: 'mbn' | 'wlan'; name: string; plan?: Field; span: Span }[] = [];
  for (const profile of [model.mbn?.defaultProfile, model.mbn?.purchaseProfile]) {
    if (profile) profiles.push(defined({ kind: 'mbn' as const, name: profile.name?.value ?? '', plan: profile.plan, span: profile.span }));
  }
  for (const profile of model.wlan?.profiles ?? []) profiles.push(defined({ kind: 'wlan' as const, name: profile.name.value, plan: profile.plan, span: profile.span }));
  return profiles;
}
