// The browser host's file picker: it browses the host machine's folders through the host
// (file.listDirectory), so opening and saving go to real paths, never through downloads.
import { useEffect, useRef, useState } from 'react';
import { HostError, type DirectoryListing, type FileFilter, type HostClient } from '../../../shared/common/ipc';
import { joinPath } from '../documents/documents';
import { useI18n } from '../i18n';
import { Modal } from './Modal';
import { Icon } from './Icon';

export interface FilePickerProps {
  client: HostClient;
  purpose: 'open' | 'save';
  initialDirectory: string;
  initialName?: string;
  /** Only folders and these files are listed (e.g. certificates: .cer, .pem, .crt). */
  filter?: FileFilter;
  onChoose(path: string): void;
  onCancel(): void;
}

/** Whether a listed entry is shown: folders always, files when they match the filter. */
function shown(entry: DirectoryListing['entries'][number], filter: FileFilter | undefined): boolean {
  if (entry.kind === 'directory' || !filter) return true;
  const dot = entry.name.lastIndexOf('.');
  return dot > 0 && filter.extensions.includes(entry.name.slice(dot + 1).toLowerCase());
}

export function FilePicker({ client, purpose, initialDirectory, initialName, filter, onChoose, onCancel }: FilePickerProps) {
  const { t } = useI18n();
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [location, setLocation] = useState(initialDirectory);
  const [fileName, setFileName] = useState(initialName ?? '');
  const [error, setError] = useState<string | null>(null);
  /** Only the newest listing is shown: an older one that answers late is dropped. */
  const latestBrowse = useRef(0);
  /** True when the user typed in the folder field after the last listing was asked for: keep what they typed. */
  const locationTyped = useRef(false);

  async function browse(directory: string) {
    const request = ++latestBrowse.current;
    locationTyped.current = false;
    try {
      const result = await client.invoke('file.listDirectory', { path: directory });
      if (request !== latestBrowse.current) return;
      setListing(result);
      if (!locationTyped.current) setLocation(result.path);
      setError(null);
    } catch (caught) {
      if (request !== latestBrowse.current) return;
      setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : String(caught));
    }
  }

  useEffect(() => {
    void browse(initialDirectory);
    // Browse the starting folder once, when the picker opens.
  }, []);

  const entries = listing?.entries.filter((entry) => shown(entry, filter)) ?? [];

  function confirm() {
    if (!listing || !fileName.trim()) return;
    onChoose(joinPath(listing.path, fileName.trim()));
  }

  return (
    <Modal
      title={t(purpose === 'open' ? 'picker.open.title' : 'picker.save.title')}
      onCancel={onCancel}
      testId="file-picker"
      wide
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('confirm.cancel')}
          </button>
          <button type="button" className="primary" onClick={confirm} disabled={!fileName.trim()} data-testid="picker-confirm">
            {t(purpose === 'open' ? 'picker.open' : 'picker.save')}
          </button>
        </>
      }
    >
      <form
        className="picker-location"
        onSubmit={(event) => {
          event.preventDefault();
          void browse(location);
        }}
      >
        <label>
          {t('picker.location')}
          <input
            value={location}
            onChange={(event) => {
              locationTyped.current = true;
              setLocation(event.target.value);
            }}
            data-testid="picker-location"
            spellCheck={false}
          />
        </label>
        <button type="submit">{t('picker.go')}</button>
        <button type="button" onClick={() => listing?.parent && void browse(listing.parent)} disabled={!listing?.parent}>
          {t('picker.up')}
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {filter && (
        <p className="muted small" data-testid="picker-filter">
          {t('picker.filter', { name: filter.name, extensions: filter.extensions.map((extension) => `.${extension}`).join(', ') })}
        </p>
      )}
      <ul className="picker-entries" aria-label={listing?.path ?? ''} data-testid="picker-entries">
        {listing && entries.length === 0 && <li className="muted">{t('picker.empty')}</li>}
        {entries.map((entry) => (
          <li key={entry.name}>
            <button
              type="button"
              className={entry.name === fileName ? 'picker-entry selected' : 'picker-entry'}
              aria-label={`${t(entry.kind === 'directory' ? 'picker.directory' : 'picker.file')}: ${entry.name}`}
              onClick={() => (entry.kind === 'directory' ? void browse(joinPath(listing!.path, entry.name)) : setFileName(entry.name))}
              onDoubleClick={() => entry.kind === 'file' && onChoose(joinPath(listing!.path, entry.name))}
            >
              <Icon name={entry.kind === 'directory' ? 'folder' : 'file'} /> {entry.name}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <label className="picker-name">
          {t('picker.fileName')}
          <input value={fileName} onChange={(event) => setFileName(event.target.value)} data-testid="picker-name" spellCheck={false} />
        </label>
      </form>
    </Modal>
  );
}
