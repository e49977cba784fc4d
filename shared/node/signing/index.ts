// Signing in the Windows provisioning profile: sign, verify (a predicted Windows verdict), the
// certificate helpers and the test EV kit.
export { sign, SigningError, type Signer, type SignOptions } from './sign';
export { verify, type Verdict, type Finding, type FindingCode, type VerifyOptions } from './verify';
export { trustedCertificateFromCertificate, summarizeCertificate, certificatesFromPemOrDer, type CertificateSummary } from './certificates';
export { makeTestEvKit, issueTestCertificate } from './test-ev-kit';
export { HRESULT, EV_POLICY_OID } from './profile';
export { XmlLocationError } from './xml-bytes';
