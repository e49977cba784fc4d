// View › Web Site Tools: the panels for web-site provisioning (seed 000), one tab each: the
// AccountExperienceURL, the COSA entry and the simulator of the landing page.
import { useState } from 'react';
import type { HostClient } from '../../../shared/common/ipc';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { AccountUrlPanel } from './AccountUrlPanel';
import { CosaPanel } from './CosaPanel';
import { SimulatorPanel } from './SimulatorPanel';
import './website.css';

export interface WebsiteDialogProps {
  onClose(): void;
  /** Opens a text as a new document in the editor (the dialog closes). */
  onOpenInEditor(text: string): void;
  /** Saves a text through the host's file picker. */
  onSave(text: string, suggestedName: string): void;
  /** The host (the simulator runs Chromium there) and its file picker (trusted certificates). */
  client: HostClient;
  chooseFile(): Promise<string | null>;
}

type Tab = 'url' | 'cosa' | 'simulator';

export function WebsiteDialog({ onClose, onOpenInEditor, onSave, client, chooseFile }: WebsiteDialogProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('url');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'url', label: t('website.panel.urlTab') },
    { id: 'cosa', label: t('website.panel.cosaTab') },
    { id: 'simulator', label: t('website.sim.panel.tab') },
  ];
  const openInEditor = (text: string) => {
    onClose();
    onOpenInEditor(text);
  };
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
      <div role="tablist" className="website-tabs" aria-label={t('website.panel.title')}>
        {tabs.map((item) => (
          <button key={item.id} type="button" role="tab" id={`website-tab-${item.id}`} aria-selected={tab === item.id} aria-controls={`website-tabpanel-${item.id}`} onClick={() => setTab(item.id)} data-testid={`website-tab-${item.id}`}>
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`website-tabpanel-${tab}`} aria-labelledby={`website-tab-${tab}`} className="website-tabpanel">
        {tab === 'url' && <AccountUrlPanel />}
        {tab === 'cosa' && <CosaPanel onOpenInEditor={openInEditor} onSave={onSave} />}
        {tab === 'simulator' && <SimulatorPanel client={client} chooseFile={chooseFile} onOpenInEditor={openInEditor} />}
      </div>
    </Modal>
  );
}
