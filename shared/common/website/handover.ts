// Handing a provisioning file to Windows from a web page (seed 000): the result codes of
// window.external.msProvisionNetworks (Internet Explorer's API, Windows 8 to 10), how a dry-run
// prediction for the web-site source maps onto them, and what the Settings app's
// ms-settings:wifi-provisioning link (Windows 10 2004 and later) requires of the file.
import type { Language } from '../i18n/core';
import { HRESULTS, type Prediction } from '../semantic/dry-run';
import type { ProvisioningModel } from '../semantic/model';

/** msProvisionNetworks' documented Result values. */
export const PROVISION_RESULTS = {
  success: 0,
  generalFailure: 1,
  schemaInvalid: 2,
  notSigned: 3,
  signatureInvalid: 4,
  cancelled: 5,
  noWifiDevice: 6,
  noMobileBroadbandDevice: 7,
  severalNotPresent: 8,
} as const;

export type ProvisionResult = (typeof PROVISION_RESULTS)[keyof typeof PROVISION_RESULTS];

const NAME_BY_CODE = Object.fromEntries(Object.entries(PROVISION_RESULTS).map(([name, code]) => [code, name])) as Record<ProvisionResult, keyof typeof PROVISION_RESULTS>;

export function provisionResultName(code: ProvisionResult): keyof typeof PROVISION_RESULTS {
  return NAME_BY_CODE[code];
}

/**
 * The Result msProvisionNetworks gives for a file Windows would treat as `prediction` (a dry run
 * with source 'website'). `consentDeclined`: the user answered no to the first-use prompt.
 */
export function provisionResultFor(prediction: Prediction, consentDeclined = false): ProvisionResult {
  const exception = prediction.exception;
  if (exception === HRESULTS.malformed || exception === HRESULTS.invalid) return PROVISION_RESULTS.schemaInvalid;
  if (exception === HRESULTS.missingSignature) return PROVISION_RESULTS.notSigned;
  if (exception) return PROVISION_RESULTS.signatureInvalid;
  if (consentDeclined && prediction.signature.required && prediction.signature.consent) return PROVISION_RESULTS.cancelled;
  if (prediction.outcome === 'applied') return PROVISION_RESULTS.success;
  const failed = prediction.lines.filter((line) => line.severity === 'error');
  const noWifi = failed.some((line) => line.hresult === HRESULTS.serviceNotActive);
  const noMbn = failed.some((line) => line.hresult === HRESULTS.deviceNotConnected);
  if (noWifi && noMbn) return PROVISION_RESULTS.severalNotPresent;
  if (noWifi) return PROVISION_RESULTS.noWifiDevice;
  if (noMbn) return PROVISION_RESULTS.noMobileBroadbandDevice;
  return PROVISION_RESULTS.generalFailure;
}

/** Why the Settings app's Wi-Fi provisioning would refuse a file; empty when it may be offered. */
export type SettingsRefusal = 'malformed' | 'notSigned' | 'noWlanProfile' | 'notEv';

/**
 * The Settings link (ms-settings:wifi-provisioning?uri=…) is documented to need a signed file,
 * trusted, with at least one WLANProfile; from a web site the signer must be EV.
 */
export function settingsRefusals(model: ProvisioningModel, signerIsEv: boolean | undefined): SettingsRefusal[] {
  if (!model.ok) return ['malformed'];
  const refusals: SettingsRefusal[] = [];
  if (!model.signature) refusals.push('notSigned');
  if (!model.wlan || model.wlan.profiles.length === 0) refusals.push('noWlanProfile');
  if (model.signature && signerIsEv === false) refusals.push('notEv');
  return refusals;
}

/** The page's language from an Accept-Language header: the first of en, fr, pt by q-value; English otherwise. */
export function languageFromAcceptLanguage(header: string | null | undefined): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) if (entry.primary === 'en' || entry.primary === 'fr' || entry.primary === 'pt') return entry.primary;
  return 'en';
}
