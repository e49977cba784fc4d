// Beside Provisioning: list a certificate in TrustedCertificates from a file or from a key store.
import { useForm } from '../form-context';

export function TrustCertificateActions() {
  const form = useForm();
  const { t } = form;
  if (form.readOnly) return null;
  return (
    <div className="form-actions">
      {form.trustCertificate && (
        <button type="button" className="form-add" onClick={form.trustCertificate} data-testid="form-trust-certificate">
          {t('signature.trustFromFile')}
        </button>
      )}
      {form.trustCertificateFromStore && (
        <button type="button" className="form-add" onClick={form.trustCertificateFromStore} data-testid="form-trust-from-store">
          {t('forms.trustFromStore')}
        </button>
      )}
    </div>
  );
}
