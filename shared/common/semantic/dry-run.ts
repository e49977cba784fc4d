// The dry run: what Windows will do with a file on a given PC, predicted from the documented rules
// (source document 001: sections, Signature table, Wi-Fi delete rules, permitted combinations,
// results reporting), each line citing its rule and, for failures, the HRESULT. The output is the
// list of lines and a predicted CarrierProvisioningResult (v1) text. Pure: the signature check and
// the schema check are done by the caller (shared/node/dry-run) and passed in as facts.
import type { Span } from '../xml/model';
import { profilesOf, type ProvisioningModel } from './model';
import type { RuleId } from './rules';
import type { SentenceValue } from './summary';
import { writePredictedResults, type PredictedResults } from './predicted-results';

/** Who hands the file to Windows. */
export type ProvisioningSource = 'operator-app' | 'app' | 'website';
/** Whether the PC has the operator's SIM (a mobile-broadband provider) or not (a Wi-Fi-only provider). */
export type SimPresence = 'operator' | 'none';

export const HRESULTS = {
  ok: '00000000',
  malformed: '82170001',
  invalid: '82170002',
  signatureInvalid: '82170003',
  untrustedRoot: '82170004',
  digestInvalid: '82170005',
  signerDeclined: '82170006',
  noLeafCertificate: '82170007',
  certificateNotValidForSigning: '8217000d',
  missingSignature: '8217000e',
  serviceNotActive: '80070426',
  deviceNotConnected: '8007048f',
  notFound: '80070490',
} as const;

/** What the signature check (shared/node/signing verify, run with EV not required) found. */
export interface SignatureFacts {
  /** Profile, digest, signature value and chain to a trusted root all pass. */
  accepted: boolean;
  /** The HRESULT of the first failure, 8 lower-case hex digits (no 0x). */
  hresult?: string;
  /** The verifier's finding code (digestMismatch, untrustedRoot, ...) for the first failure. */
  code?: string;
  signer?: {
    subject: string;
    issuer: string;
    ev: boolean;
    /** The PC already knows this certificate: given with --trusted, or listed in TrustedCertificates of the file applied before. */
    known: boolean;
  };
}

export interface DryRunOptions {
  source: ProvisioningSource;
  sim: SimPresence;
  /** A Wi-Fi adapter is present and its service running. */
  wifi: boolean;
  /** A mobile-broadband adapter is present. */
  mbn: boolean;
  /** The file last applied to this PC, when known. */
  previous?: ProvisioningModel;
  /** Required when the file is signed (and used when a signature is required). */
  signature?: SignatureFacts;
  /** Result of the schema check: undefined when not checked. */
  schema?: { valid: boolean; firstError?: { message: string; line: number; column: number } };
}

export type LineSeverity = 'ok' | 'info' | 'warning' | 'error';

export interface PredictionLine {
  severity: LineSeverity;
  /** Message key (semantic.dryrun.*); with `count`, the base of a .one/.other pair. */
  key: string;
  count?: number;
  params: Record<string, SentenceValue>;
  rule: RuleId;
  /** For failures: the HRESULT Windows reports, 8 lower-case hex digits. */
  hresult?: string;
  /** The element of the file the line is about. */
  span?: Span;
}

export type DryRunOutcome = 'applied' | 'partial' | 'rejected';

export interface SignatureRequirement {
  rule: RuleId;
  required: boolean;
  evRequired: boolean;
  /** Whether the user is asked to accept the signer (first use of a certificate the PC does not know). */
  consent: boolean;
}

export interface Prediction {
  outcome: DryRunOutcome;
  /** The call itself fails (malformed, schema-invalid or rejected signature) with this HRESULT. */
  exception?: string;
  signature: SignatureRequirement;
  lines: PredictionLine[];
  /** Names of Wi-Fi profiles the file deletes from the PC; 'all' when every profile this operator put there goes and the previous file is not known. */
  deletedWlanProfiles: string[] | 'all';
  results: PredictedResults;
  /** The predicted CarrierProvisioningResult file (v1), valid against schemas/results-v1.xsd. */
  resultXml: string;
}

/** Which row of the Signature table applies, and what it asks of the certificate. */
export function signatureRequirement(source: ProvisioningSource, sim: SimPresence, signer?: SignatureFacts['signer']): SignatureRequirement {
  if (sim === 'none') return { rule: 'signatureRow3', required: true, evRequired: true, consent: !signer?.known };
  if (source === 'operator-app') return { rule: 'signatureRow1', required: false, evRequired: false, consent: false };
  // An operator web site, or an app without the operator's Network Account ID: the certificate must be
  // one the PC associates with the operator's hardware; otherwise (web-based provisioning) an EV
  // certificate with the user's consent.
  return { rule: source === 'website' ? 'signatureRow2' : 'signatureUwpApp', required: true, evRequired: !signer?.known, consent: !signer?.known };
}

interface Builder {
  lines: PredictionLine[];
  add(line: PredictionLine): void;
}

function builder(): Builder {
  const lines: PredictionLine[] = [];
  return { lines, add: (line) => lines.push(line) };
}

function clean<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/** Predicts what Windows does with `model` on a PC described by `options`. */
export function predictDryRun(model: ProvisioningModel, options: DryRunOptions): Prediction {
  const out = builder();
  const results: PredictedResults = { carrierId: model.carrierId?.value, subscriberId: model.subscriberId?.value };
  const requirement = signatureRequirement(options.source, options.sim, options.signature?.signer);
  const finish = (outcome: DryRunOutcome, deleted: Prediction['deletedWlanProfiles'] = [], exception?: string): Prediction =>
    clean({ outcome, exception, signature: requirement, lines: out.lines, deletedWlanProfiles: deleted, results, resultXml: writePredictedResults(results) });

  if (!model.ok) {
    const where = model.error?.range.start;
    out.add({ severity: 'error', key: 'semantic.dryrun.malformed', params: { line: where?.line ?? 1, column: where?.column ?? 1 }, rule: 'wellFormed', hresult: HRESULTS.malformed });
    results.rootErrorCode = HRESULTS.malformed;
    return finish('rejected', [], HRESULTS.malformed);
  }
  if (options.schema && !options.schema.valid) {
    const first = options.schema.firstError;
    out.add({ severity: 'error', key: 'semantic.dryrun.schemaInvalid', params: { line: first?.line ?? 1, column: first?.column ?? 1, message: first?.message ?? '' }, rule: 'schema', hresult: HRESULTS.invalid, span: model.rootSpan });
    results.rootErrorCode = HRESULTS.invalid;
    return finish('rejected', [], HRESULTS.invalid);
  }

  // ---- signature -----------------------------------------------------------------------------
  const signatureFailure = checkSignature(model, options, requirement, out);
  if (signatureFailure) {
    results.signature = { errorCode: signatureFailure };
    out.add({ severity: 'info', key: 'semantic.dryrun.signatureOnlyResult', params: {}, rule: 'signatureFailure' });
    return finish('rejected', [], signatureFailure);
  }
  results.signature = { errorCode: HRESULTS.ok };
  if (model.signature && options.signature?.signer) {
    results.signature.subject = options.signature.signer.subject;
    if (model.signature.value?.value) results.signature.thumbprint = model.signature.value.value;
  }

  // ---- sections ------------------------------------------------------------------------------
  predictActivation(model, options, out, results);
  const planErrors = predictPlans(model, options, out);
  predictMbn(model, options, out, results, planErrors);
  const deleted = predictWlan(model, options, out, results, planErrors);
  predictProvisioning(model, out, results);
  if (model.v2) out.add({ severity: 'info', key: 'semantic.dryrun.v2', params: {}, rule: 'v2NotReported', span: model.v2.span });
  if (options.wifi || options.mbn) out.add({ severity: 'info', key: 'semantic.dryrun.anyAdapter', params: {}, rule: 'anyAdapter' });

  const failed = out.lines.some((line) => line.severity === 'error');
  return finish(failed ? 'partial' : 'applied', deleted);
}

function checkSignature(model: ProvisioningModel, options: DryRunOptions, requirement: SignatureRequirement, out: Builder): string | undefined {
  const signed = !!model.signature;
  const facts = options.signature;
  if (!requirement.required) {
    out.add({ severity: 'ok', key: signed ? 'semantic.dryrun.signatureNotRequiredSigned' : 'semantic.dryrun.signatureNotRequired', params: {}, rule: requirement.rule, span: model.signature?.span });
    return undefined;
  }
  if (!signed) {
    out.add({ severity: 'error', key: 'semantic.dryrun.signatureMissing', params: {}, rule: requirement.rule, hresult: HRESULTS.missingSignature, span: model.rootSpan });
    return HRESULTS.missingSignature;
  }
  if (!facts) {
    out.add({ severity: 'warning', key: 'semantic.dryrun.signatureNotChecked', params: {}, rule: requirement.rule, span: model.signature?.span });
    return undefined;
  }
  if (!facts.accepted) {
    const hresult = facts.hresult ?? HRESULTS.signatureInvalid;
    out.add({ severity: 'error', key: 'semantic.dryrun.signatureRejected', params: { hresult, reason: facts.code ?? '' }, rule: requirement.rule, hresult, span: model.signature?.span });
    return hresult;
  }
  const signer = facts.signer;
  const subject = signer?.subject ?? '';
  const rule: RuleId = requirement.rule === 'signatureRow3' ? 'signatureRow3' : 'signatureKnownCertificate';
  if (requirement.evRequired && !signer?.ev) {
    const key = requirement.rule === 'signatureRow3' ? 'semantic.dryrun.signerNotEv' : 'semantic.dryrun.signerUnknownNotEv';
    out.add({ severity: 'error', key, params: { subject }, rule, hresult: HRESULTS.certificateNotValidForSigning, span: model.signature?.span });
    return HRESULTS.certificateNotValidForSigning;
  }
  if (requirement.consent) {
    out.add({ severity: 'warning', key: 'semantic.dryrun.consent', params: { subject, hresult: HRESULTS.signerDeclined }, rule, span: model.signature?.span });
  } else {
    out.add({ severity: 'ok', key: 'semantic.dryrun.signerKnown', params: { subject }, rule, span: model.signature?.span });
  }
  return undefined;
}

function predictActivation(model: ProvisioningModel, options: DryRunOptions, out: Builder, results: PredictedResults): void {
  const activation = model.activation;
  if (!activation) return;
  if (!options.mbn) {
    out.add({ severity: 'error', key: 'semantic.dryrun.activationNoAdapter', params: { method: activation.kind }, rule: 'bestEffort', hresult: HRESULTS.deviceNotConnected, span: activation.span });
    results.activation = HRESULTS.deviceNotConnected;
    return;
  }
  out.add({ severity: 'ok', key: `semantic.dryrun.activation.${activation.kind}`, params: {}, rule: 'activation', span: activation.span });
  results.activation = HRESULTS.ok;
}

type PlanErrors = Map<string, string>;

/** Plan checks; returns the profiles (by "kind:name") that name a missing plan. */
function predictPlans(model: ProvisioningModel, options: DryRunOptions, out: Builder): PlanErrors {
  const errors: PlanErrors = new Map();
  const profiles = profilesOf(model);
  const hasProfiles = !!model.mbn?.defaultProfile || !!model.mbn?.purchaseProfile || !!model.wlan;
  const planNames = new Set((model.plans?.plans ?? []).map((plan) => plan.name.value));
  for (const profile of profiles) {
    if (!profile.plan || planNames.has(profile.plan.value)) continue;
    errors.set(`${profile.kind}:${profile.name}`, profile.plan.value);
    out.add({ severity: 'error', key: 'semantic.dryrun.planMissing', params: { profile: profile.name, plan: profile.plan.value }, rule: 'planMissing', hresult: HRESULTS.notFound, span: profile.plan.span });
  }
  const plans = model.plans?.plans ?? [];
  if (hasProfiles) {
    for (const plan of plans) {
      const users = profiles.filter((profile) => profile.plan?.value === plan.name.value).map((profile) => profile.name);
      if (users.length) out.add({ severity: 'ok', key: 'semantic.dryrun.planApplied', count: users.length, params: { plan: plan.name.value, profiles: { list: users } }, rule: 'planMissing', span: plan.span });
      else out.add({ severity: 'warning', key: 'semantic.dryrun.planUnused', params: { plan: plan.name.value }, rule: 'planUnused', span: plan.span });
    }
    return errors;
  }
  // Plans without profiles: they update what a previous file put on the PC.
  const previous = options.previous;
  const previousProfiles = previous?.ok ? profilesOf(previous) : undefined;
  const previousPlans = previous?.ok ? new Set((previous.plans?.plans ?? []).map((plan) => plan.name.value)) : undefined;
  for (const plan of plans) {
    const usageOnly = !plan.description;
    const rule: RuleId = usageOnly ? 'planUsageOnly' : 'planDescriptionOnly';
    if (!previousProfiles) {
      out.add({ severity: 'info', key: usageOnly ? 'semantic.dryrun.usageOnlyUnknown' : 'semantic.dryrun.planOnlyUnknown', params: { plan: plan.name.value }, rule, span: plan.span });
      continue;
    }
    const users = previousProfiles.filter((profile) => profile.plan?.value === plan.name.value).map((profile) => profile.name);
    if (usageOnly && !previousPlans?.has(plan.name.value)) {
      out.add({ severity: 'warning', key: 'semantic.dryrun.usageOnlyNoPlan', params: { plan: plan.name.value }, rule, span: plan.span });
    } else if (users.length === 0) {
      out.add({ severity: 'warning', key: 'semantic.dryrun.planNoProfileOnPc', params: { plan: plan.name.value }, rule, span: plan.span });
    } else {
      out.add({ severity: 'ok', key: usageOnly ? 'semantic.dryrun.usageUpdated' : 'semantic.dryrun.planUpdated', count: users.length, params: { plan: plan.name.value, profiles: { list: users } }, rule, span: plan.span });
    }
  }
  return errors;
}

function predictMbn(model: ProvisioningModel, options: DryRunOptions, out: Builder, results: PredictedResults, planErrors: PlanErrors): void {
  const mbn = model.mbn;
  if (!mbn || (!mbn.defaultProfile && !mbn.purchaseProfile)) return;
  if (!options.mbn) {
    out.add({ severity: 'error', key: 'semantic.dryrun.mbnNoAdapter', params: {}, rule: 'sectionFailure', hresult: HRESULTS.deviceNotConnected, span: mbn.span });
    results.mbn = { errorCode: HRESULTS.deviceNotConnected };
    return;
  }
  results.mbn = {};
  for (const profile of [mbn.defaultProfile, mbn.purchaseProfile]) {
    if (!profile) continue;
    const name = profile.name?.value ?? '';
    const previous = profile.role === 'default' ? options.previous?.mbn?.defaultProfile : options.previous?.mbn?.purchaseProfile;
    const missingPlan = planErrors.get(`mbn:${name}`);
    const code = missingPlan ? HRESULTS.notFound : HRESULTS.ok;
    if (profile.role === 'default') results.mbn.defaultProfile = code;
    else results.mbn.purchaseProfile = code;
    if (missingPlan) continue;
    const verb = !options.previous ? 'upsert' : previous?.name?.value === name ? 'update' : 'create';
    out.add({ severity: 'ok', key: `semantic.dryrun.mbn.${profile.role}.${verb}`, params: { name, apn: profile.apn?.value ?? '' }, rule: 'mbnProfile', span: profile.span });
  }
}

function predictWlan(model: ProvisioningModel, options: DryRunOptions, out: Builder, results: PredictedResults, planErrors: PlanErrors): Prediction['deletedWlanProfiles'] {
  const wlan = model.wlan;
  const previous = options.previous?.ok ? options.previous : undefined;
  const previousNames = previous?.wlan ? previous.wlan.profiles.map((profile) => profile.name.value) : previous ? [] : undefined;
  if (!wlan) {
    if (previousNames?.length) out.add({ severity: 'info', key: 'semantic.dryrun.wlanOmittedKept', count: previousNames.length, params: { names: { list: previousNames } }, rule: 'wlanOmitted' });
    else out.add({ severity: 'info', key: 'semantic.dryrun.wlanOmitted', params: {}, rule: 'wlanOmitted' });
    return [];
  }
  if (!options.wifi) {
    out.add({ severity: 'error', key: 'semantic.dryrun.wlanServiceInactive', params: {}, rule: 'sectionFailure', hresult: HRESULTS.serviceNotActive, span: wlan.span });
    results.wlan = { errorCode: HRESULTS.serviceNotActive, profiles: [] };
    return [];
  }
  results.wlan = { profiles: [] };
  const names = new Set(wlan.profiles.map((profile) => profile.name.value));
  for (const profile of wlan.profiles) {
    const name = profile.name.value;
    const missingPlan = planErrors.get(`wlan:${name}`);
    results.wlan.profiles.push({ name, errorCode: missingPlan ? HRESULTS.notFound : HRESULTS.ok });
    if (missingPlan) continue;
    const verb = !previousNames ? 'upsert' : previousNames.includes(name) ? 'update' : 'create';
    out.add({ severity: 'ok', key: `semantic.dryrun.wlan.${verb}`, params: { name }, rule: 'wlanUpsert', span: profile.span });
  }
  if (wlan.profiles.length === 0) {
    if (previousNames?.length) {
      for (const name of previousNames) out.add({ severity: 'warning', key: 'semantic.dryrun.wlanDeleted', params: { name }, rule: 'wlanDeleteAll', span: wlan.span });
      return previousNames;
    }
    out.add({ severity: 'warning', key: 'semantic.dryrun.wlanDeleteAll', params: {}, rule: 'wlanDeleteAll', span: wlan.span });
    return previousNames ? [] : 'all';
  }
  if (!previousNames) {
    out.add({ severity: 'warning', key: 'semantic.dryrun.wlanDeleteOthers', params: {}, rule: 'wlanDeleteMissing', span: wlan.span });
    return 'all';
  }
  const deleted = previousNames.filter((name) => !names.has(name));
  for (const name of deleted) out.add({ severity: 'warning', key: 'semantic.dryrun.wlanDeleted', params: { name }, rule: 'wlanDeleteMissing', span: wlan.span });
  return deleted;
}

function predictProvisioning(model: ProvisioningModel, out: Builder, results: PredictedResults): void {
  const provisioning = model.provisioning;
  if (!provisioning) return;
  results.provisioning = {};
  if (provisioning.refresh) {
    const refresh = provisioning.refresh;
    out.add({
      severity: 'ok',
      key: refresh.delayInDays ? 'semantic.dryrun.refreshDelay' : 'semantic.dryrun.refresh',
      params: { url: refresh.url?.value ?? '', days: { days: refresh.delayInDays?.value ?? '' } },
      rule: 'refresh',
      span: refresh.span,
    });
    results.provisioning.refreshParameters = HRESULTS.ok;
  }
  if (provisioning.trustedCertificates) {
    const subjects = provisioning.trustedCertificates.certificates.map((certificate) => certificate.subjectName?.value ?? '');
    out.add({ severity: 'ok', key: 'semantic.dryrun.trust', count: subjects.length, params: { subjects: { list: subjects } }, rule: 'refresh', span: provisioning.trustedCertificates.span });
    results.provisioning.trustedCertificate = HRESULTS.ok;
  }
}
