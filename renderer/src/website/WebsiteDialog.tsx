// View › Web Site Tools: the panels for web-site provisioning (seed 000), one tab each.
import { useState } from 'react';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { AccountUrlPanel } from './AccountUrlPanel';
import './website.css';

export function WebsiteDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const [tab] = useState<'url'>('url');
  return (
    <Modal
      title={t('website.panel.title')}
      onCancel={onClose}
      wide
      testId="website-dialog"
      actions={
        <button type="button" onClick={onClose}>
          {t('website.panel.close')}
        </button>
      }
    >
      {tab === 'url' && <AccountUrlPanel />}
    </Modal>
  );
}
