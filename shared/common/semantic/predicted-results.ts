// Writes a predicted CarrierProvisioningResult (version 1 namespace) from the dry run's outcomes.
// The shape follows schemas/results-v1.xsd: an empty root carrying the call's HRESULT when the call
// fails, otherwise Issuer, Subscriber and Signature with the sections the file has.
import { RESULTS_NAMESPACE } from '../results/reader';

export interface PredictedResults {
  carrierId?: string;
  subscriberId?: string;
  /** Set when the call fails before anything is applied (malformed or schema-invalid file). */
  rootErrorCode?: string;
  activation?: string;
  mbn?: { errorCode?: string; defaultProfile?: string; purchaseProfile?: string };
  wlan?: { errorCode?: string; profiles: { name: string; errorCode: string }[] };
  provisioning?: { errorCode?: string; refreshParameters?: string; trustedCertificate?: string };
  signature?: { errorCode: string; subject?: string; thumbprint?: string };
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function item(indent: string, name: string, errorCode: string, extra = ''): string {
  return `${indent}<${name}${extra} errorCode="${errorCode}"/>\n`;
}

function section(indent: string, name: string, errorCode: string | undefined, body: string): string {
  const code = errorCode ? ` errorCode="${errorCode}"` : '';
  // A section that failed as a whole carries its code and no children.
  if (errorCode || !body) return `${indent}<${name}${code}/>\n`;
  return `${indent}<${name}>\n${body}${indent}</${name}>\n`;
}

export function writePredictedResults(results: PredictedResults): string {
  const head = `<?xml version="1.0" encoding="utf-8"?>\n`;
  const open = `<CarrierProvisioningResult xmlns="${RESULTS_NAMESPACE.v1}"`;
  if (results.rootErrorCode) return `${head}${open} errorCode="${results.rootErrorCode}"/>\n`;
  let body = '';
  body += `  <Issuer>${escape(results.carrierId ?? '')}</Issuer>\n`;
  body += `  <Subscriber>${escape(results.subscriberId ?? '')}</Subscriber>\n`;
  if (results.activation) body += item('  ', 'Activation', results.activation);
  if (results.mbn) {
    let inner = '';
    if (!results.mbn.errorCode && results.mbn.defaultProfile) inner += item('    ', 'DefaultProfile', results.mbn.defaultProfile);
    if (!results.mbn.errorCode && results.mbn.purchaseProfile) inner += item('    ', 'PurchaseProfile', results.mbn.purchaseProfile);
    body += section('  ', 'MBNProfiles', results.mbn.errorCode, inner);
  }
  if (results.wlan) {
    const inner = results.wlan.errorCode ? '' : results.wlan.profiles.map((profile) => item('    ', 'WLANProfile', profile.errorCode, ` Name="${escape(profile.name)}"`)).join('');
    body += section('  ', 'WLANProfiles', results.wlan.errorCode, inner);
  }
  if (results.provisioning) {
    let inner = '';
    if (results.provisioning.refreshParameters) inner += item('    ', 'RefreshParameters', results.provisioning.refreshParameters);
    if (results.provisioning.trustedCertificate) inner += item('    ', 'TrustedCertificate', results.provisioning.trustedCertificate);
    body += section('  ', 'Provisioning', results.provisioning.errorCode, inner);
  }
  const signature = results.signature ?? { errorCode: '00000000' };
  if (signature.subject && signature.thumbprint) {
    body += `  <Signature errorCode="${signature.errorCode}">\n    <Subject>${escape(signature.subject)}</Subject>\n    <Thumbprint>${escape(signature.thumbprint)}</Thumbprint>\n  </Signature>\n`;
  } else {
    body += item('  ', 'Signature', signature.errorCode);
  }
  return `${head}${open}>\n${body}</CarrierProvisioningResult>\n`;
}
