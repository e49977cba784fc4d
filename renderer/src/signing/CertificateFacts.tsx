import type { CertificateInfo } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';

/** Subject, issuer, validity, key type, thumbprint and an EV badge: what a person checks. */
export function CertificateFacts({ certificate }: { certificate: CertificateInfo }) {
  const { t, language } = useI18n();
  const date = (iso: string) => new Date(iso).toLocaleDateString(language);
  const expired = new Date(certificate.notAfter).getTime() < Date.now();
  return (
    <span className="certificate-facts">
      <span className="certificate-subject">
        {certificate.subject}
        {certificate.ev && (
          <span className="badge badge-ev" title={t('sign.evTitle')}>
            EV
          </span>
        )}
      </span>
      <span className="muted small">
        {t('sign.issuer')}: {certificate.issuer}
      </span>
      <span className={expired ? 'small error-text' : 'muted small'}>
        {t('sign.validity', { from: date(certificate.notBefore), to: date(certificate.notAfter) })} · {certificate.keyType} · SHA-1 {certificate.thumbprintSha1}
      </span>
    </span>
  );
}
