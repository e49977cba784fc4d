// "What this file does": one plain-language sentence per thing the file makes Windows do, each with
// the span of the element it comes from. Sentences are data (a message key, a count, raw values);
// renderSentence() turns one into text in the reader's language.
import type { Language, MessageKey } from '../i18n/index';
import { translate } from '../i18n/index';
import type { Span } from '../xml/model';
import { formatDays, formatDuration, formatKbps, formatList, formatMegabytes, formatNumber, translateCounted } from './format';
import { profilesOf, type MbnProfile, type Plan, type ProvisioningModel, type WlanProfile } from './model';

/** A value that is formatted for the reader's language when the sentence is rendered. */
export type SentenceValue =
  | string
  | number
  | { megabytes: string }
  | { kbps: string }
  | { duration: string }
  | { days: string }
  | { number: string }
  /** A list: "a, b and c" (and) or "a, b, c" (comma). */
  | { list: readonly SentenceValue[]; style?: 'and' | 'comma' }
  /** A nested sentence fragment (a message key with its own values). */
  | { key: string; count?: number; params?: Record<string, SentenceValue> };

export type SummarySection = 'global' | 'activation' | 'mbn' | 'sms' | 'branding' | 'wlan' | 'plans' | 'refresh' | 'trust' | 'v2' | 'signature';

export interface SummarySentence {
  section: SummarySection;
  /** Message key; with `count`, the base of a ".one" / ".other" pair. */
  key: string;
  count?: number;
  params: Record<string, SentenceValue>;
  /** The element the sentence is about. */
  span: Span;
}

function quoted(value: string | undefined): string {
  return value ?? '';
}

export function renderValue(language: Language, value: SentenceValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(language, value);
  if ('megabytes' in value) return formatMegabytes(language, value.megabytes);
  if ('kbps' in value) return formatKbps(language, value.kbps);
  if ('duration' in value) return formatDuration(language, value.duration);
  if ('days' in value) return formatDays(language, value.days);
  if ('number' in value) return formatNumber(language, value.number);
  if ('list' in value) return formatList(language, value.list.map((item) => renderValue(language, item)), value.style ?? 'and');
  return renderMessage(language, value.key, value.count, value.params ?? {});
}

function renderMessage(language: Language, key: string, count: number | undefined, params: Record<string, SentenceValue>): string {
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) rendered[name] = renderValue(language, value);
  return count === undefined ? translate(language, key as MessageKey, rendered) : translateCounted(language, key, count, rendered);
}

export function renderSentence(language: Language, sentence: Pick<SummarySentence, 'key' | 'count' | 'params'>): string {
  return renderMessage(language, sentence.key, sentence.count, sentence.params);
}

function wlanSecurity(profile: WlanProfile): SentenceValue {
  const auth = profile.authentication?.value ?? '';
  const encryption = profile.encryption?.value ?? '';
  if (profile.hotspot?.kind === 'extAuth') return { key: 'semantic.security.extAuth', params: { app: quoted(profile.hotspot.extensionId?.value) } };
  if (profile.hotspot) return { key: 'semantic.security.wispr', params: { user: quoted(profile.hotspot.userName?.value) } };
  if (profile.useOneX?.value === 'true' || profile.eapType) {
    const eap = profile.eapType?.value === '18' ? 'EAP-SIM' : profile.eapType?.value === '23' ? 'EAP-AKA' : profile.eapType?.value === '50' ? "EAP-AKA'" : profile.eapType ? `EAP ${profile.eapType.value}` : '802.1X';
    return { key: 'semantic.security.enterprise', params: { auth, encryption, eap } };
  }
  if (auth === 'open' && encryption === 'none') return { key: 'semantic.security.open', params: {} };
  if (!auth) return { key: 'semantic.security.unspecified', params: {} };
  return { key: 'semantic.security.personal', params: { auth, encryption } };
}

function mbnSentence(profile: MbnProfile): SummarySentence {
  const base = profile.role === 'default' ? 'semantic.summary.mbnDefault' : 'semantic.summary.mbnPurchase';
  const key = profile.apn ? `${base}.apn` : base;
  return { section: 'mbn', key, params: { name: quoted(profile.name?.value), apn: quoted(profile.apn?.value) }, span: profile.span };
}

function planFacts(plan: Plan): SentenceValue {
  const description = plan.description;
  const parts: SentenceValue[] = [];
  const type = description?.planType?.value;
  if (type === 'Fixed' || type === 'Variable' || type === 'Unrestricted') parts.push({ key: `semantic.planType.${type}` });
  if (description?.dataLimitMB) parts.push({ megabytes: description.dataLimitMB.value });
  if (description?.billingCycle?.duration) parts.push({ key: 'semantic.plan.billingCycle', params: { duration: { duration: description.billingCycle.duration.value } } });
  if (description?.inboundKbps) parts.push({ key: 'semantic.plan.inbound', params: { speed: { kbps: description.inboundKbps.value } } });
  if (description?.maxTransferMB) parts.push({ key: 'semantic.plan.maxTransfer', params: { size: { megabytes: description.maxTransferMB.value } } });
  return { list: parts, style: 'comma' };
}

/** Lists the summary sentences of a file, in document order of their sections. */
export function summarize(model: ProvisioningModel): SummarySentence[] {
  const sentences: SummarySentence[] = [];
  if (!model.ok) return sentences;
  if (model.carrierId) {
    sentences.push({ section: 'global', key: 'semantic.summary.global', params: { carrier: model.carrierId.value, subscriber: quoted(model.subscriberId?.value) }, span: model.carrierId.span });
  }
  const activation = model.activation;
  if (activation) {
    if (activation.kind === 'ServiceActivation') {
      sentences.push({ section: 'activation', key: 'semantic.summary.serviceActivation', params: { size: { number: String(base64Length(activation.data?.value ?? '')) } }, span: activation.span });
    } else {
      const key = activation.kind === 'ReconnectToNetwork' ? 'semantic.summary.reconnect' : 'semantic.summary.reregister';
      const timing: SentenceValue[] = [];
      if (activation.delay) timing.push({ key: 'semantic.timing.delay', params: { delay: { duration: activation.delay.value } } });
      if (activation.retryCount) timing.push({ key: 'semantic.timing.retries', count: Number(activation.retryCount.value), params: { interval: { duration: activation.retryInterval?.value ?? '' } } });
      sentences.push({ section: 'activation', key: timing.length ? `${key}.timing` : key, params: { timing: { list: timing } }, span: activation.span });
    }
  }
  const mbn = model.mbn;
  if (mbn?.defaultProfile) sentences.push(mbnSentence(mbn.defaultProfile));
  if (mbn?.purchaseProfile) sentences.push(mbnSentence(mbn.purchaseProfile));
  for (const rule of mbn?.smsRules ?? []) {
    const senders = rule.senders.map((sender) => sender.value).filter(Boolean);
    const from: SentenceValue = senders.length ? { key: 'semantic.sms.from', params: { senders: { list: senders } } } : { key: 'semantic.sms.ussd' };
    const fields = rule.fields.map((field) => field.value);
    sentences.push({
      section: 'sms',
      key: rule.silent?.value === 'true' ? 'semantic.summary.smsSilent' : 'semantic.summary.sms',
      params: { rule: rule.ruleId?.value ?? `#${rule.index}`, from, fields: fields.length ? { list: fields } : { key: 'semantic.sms.noFields' } },
      span: rule.span,
    });
  }
  if (mbn?.branding?.name) sentences.push({ section: 'branding', key: 'semantic.summary.branding', params: { name: mbn.branding.name.value }, span: mbn.branding.span });

  const wlan = model.wlan;
  if (wlan) {
    if (wlan.profiles.length === 0) sentences.push({ section: 'wlan', key: 'semantic.summary.wlanEmpty', params: {}, span: wlan.span });
    else sentences.push({ section: 'wlan', key: 'semantic.summary.wlan', count: wlan.profiles.length, params: {}, span: wlan.span });
    for (const profile of wlan.profiles) {
      const names = [...profile.ssids.map((ssid) => ssid.value), ...profile.ssidPrefixes.map((prefix) => `${prefix.value}*`)];
      sentences.push({
        section: 'wlan',
        key: 'semantic.summary.wlanProfile',
        count: names.length,
        params: { name: profile.name.value, ssids: { list: names }, security: wlanSecurity(profile) },
        span: profile.span,
      });
    }
  }

  const profiles = profilesOf(model);
  const hasProfiles = !!model.mbn?.defaultProfile || !!model.mbn?.purchaseProfile || !!model.wlan;
  for (const plan of model.plans?.plans ?? []) {
    const users = profiles.filter((profile) => profile.plan?.value === plan.name.value).length;
    if (plan.description) {
      const key = users > 0 ? 'semantic.summary.planApplied' : hasProfiles ? 'semantic.summary.planUnused' : 'semantic.summary.planUpdate';
      sentences.push({ section: 'plans', key, count: users > 0 ? users : undefined, params: { name: plan.name.value, facts: planFacts(plan) }, span: plan.span } as SummarySentence);
    }
    if (plan.usage?.currentUsage) {
      const key = plan.description ? 'semantic.summary.usage' : 'semantic.summary.usageOnly';
      sentences.push({ section: 'plans', key, params: { name: plan.name.value, usage: { megabytes: plan.usage.currentUsage.value }, timestamp: quoted(plan.usage.timestamp?.value) }, span: plan.usage.span });
    }
  }

  const provisioning = model.provisioning;
  const trusted = provisioning?.trustedCertificates;
  if (trusted) {
    const subjects = trusted.certificates.map((certificate) => certificate.subjectName?.value ?? '').filter(Boolean);
    sentences.push({ section: 'trust', key: 'semantic.summary.trust', count: trusted.certificates.length, params: { subjects: { list: subjects } }, span: trusted.span });
  }
  const refresh = provisioning?.refresh;
  if (refresh) {
    const key = refresh.delayInDays ? 'semantic.summary.refreshDelay' : 'semantic.summary.refresh';
    sentences.push({ section: 'refresh', key, params: { url: quoted(refresh.url?.value), days: { days: refresh.delayInDays?.value ?? '' } }, span: refresh.span });
  }

  const v2 = model.v2;
  if (v2?.networkSettings) {
    const settings: SentenceValue[] = [];
    if (v2.networkSettings.ipv4Mtu) settings.push({ key: 'semantic.v2.mtu4', params: { value: { number: v2.networkSettings.ipv4Mtu.value } } });
    if (v2.networkSettings.ipv6Mtu) settings.push({ key: 'semantic.v2.mtu6', params: { value: { number: v2.networkSettings.ipv6Mtu.value } } });
    if (v2.networkSettings.dnsRetryCount) settings.push({ key: 'semantic.v2.dns', count: Number(v2.networkSettings.dnsRetryCount.value), params: { interval: { number: v2.networkSettings.dnsRetryInterval?.value ?? '' } } });
    sentences.push({ section: 'v2', key: 'semantic.summary.v2NetworkSettings', params: { settings: { list: settings } }, span: v2.networkSettings.span });
  }
  if (v2 && v2.dataClassNames.length) sentences.push({ section: 'v2', key: 'semantic.summary.v2DataClasses', params: { names: { list: v2.dataClassNames.map((name) => name.value.replace('=', ' → ')) } }, span: v2.dataClassNames[0]!.span });
  if (v2?.supportPhone) sentences.push({ section: 'v2', key: 'semantic.summary.v2Support', params: { phone: v2.supportPhone.value }, span: v2.supportPhone.span });
  if (v2 && v2.pdpContextPolicies.length) {
    sentences.push({ section: 'v2', key: 'semantic.summary.v2Pdp', count: v2.pdpContextPolicies.length, params: { names: { list: v2.pdpContextPolicies.map((policy) => `${policy.name.value}${policy.apn ? ` (${policy.apn.value})` : ''}`) } }, span: v2.pdpContextPolicies[0]!.span });
  }
  if (v2?.tethering) {
    const key = v2.tethering.maxDevices ? 'semantic.summary.v2TetheringMax' : 'semantic.summary.v2Tethering';
    sentences.push({ section: 'v2', key, params: { apn: quoted(v2.tethering.apn?.value ?? v2.tethering.name?.value), max: { number: v2.tethering.maxDevices?.value ?? '' } }, span: v2.tethering.span });
  }

  if (model.signature) sentences.push({ section: 'signature', key: 'semantic.summary.signed', count: model.signature.certificates, params: {}, span: model.signature.span });
  else sentences.push({ section: 'signature', key: 'semantic.summary.unsigned', params: {}, span: model.rootSpan });
  return sentences;
}

function base64Length(text: string): number {
  const clean = text.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}
