// The one XML-DSig profile Windows accepts for account-provisioning files, and the HRESULTs
// Windows reports when a file falls outside it. Everything else in signing/ refers to these names.
import { NAMESPACES } from '../../common/xml/namespaces';

export const DSIG_NAMESPACE = NAMESPACES.xmlDsig;
export const C14N_1_0 = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export type DigestName = 'sha256' | 'sha1';
export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';

export const DIGEST_METHOD_URI: Record<DigestName, string> = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
};

export const SIGNATURE_METHOD_URI: Record<SignatureAlgorithm, string> = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};

export function signatureAlgorithmFor(digest: DigestName): SignatureAlgorithm {
  return digest === 'sha1' ? 'rsa-sha1' : 'rsa-sha256';
}

export function digestFromUri(uri: string): DigestName | null {
  for (const [name, value] of Object.entries(DIGEST_METHOD_URI)) if (value === uri) return name as DigestName;
  return null;
}

export function signatureAlgorithmFromUri(uri: string): SignatureAlgorithm | null {
  for (const [name, value] of Object.entries(SIGNATURE_METHOD_URI)) if (value === uri) return name as SignatureAlgorithm;
  return null;
}

/** Extended Validation policy identifier (CA/Browser Forum) looked for in certificatePolicies. */
export const EV_POLICY_OID = '2.23.140.1.1';

/** HRESULTs of the Windows provisioning engine (PROVCORE_E_*) that a signature check can produce. */
export const HRESULT = {
  signatureInvalid: '0x82170003',
  untrustedRoot: '0x82170004',
  digestInvalid: '0x82170005',
  noLeafCertificate: '0x82170007',
  certificateNotValidForSigning: '0x8217000D',
  notSigned: '0x8217000E',
} as const;

export type HresultName = keyof typeof HRESULT;
