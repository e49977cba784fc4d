// The Data panel: the document's per-subscriber fields (bindings), a data file (CSV or JSON Lines),
// a preview of any row as the file it would produce (opened as a document: text, form and
// validation), and the batch, run by the host, with its progress; each file signed when the user
// chose a key in the Sign dialog (the host opens it once and asks for its PIN or password itself).
// See docs/subscribers.md.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BatchSigningRequest, GenerateStatus, HostClient, DataRows, KeyStoreOffer, SigningIdentity, TextEncodingName } from '../../../shared/common/ipc';
import { BATCH_MANIFEST_NAME, HostError } from '../../../shared/common/ipc';
import type { Language } from '../../../shared/common/i18n/index';
import { BUNDLED_SCHEMA_MODEL } from '../../../shared/common/schema-model/bundled';
import { bindingsPathFor, compileTemplate, parseBindings, progressFraction, progressWords, renderRow, serializeBindings, TemplateError, type FieldType, type Row } from '../../../shared/common/subscriber/index';
import { useI18n } from '../i18n';
import { SecretWaitingNotice } from '../signing/SecretWaitingNotice';
import { SignDialog } from '../signing/SignDialog';
import { useSecretQuestion } from '../signing/useSecretQuestion';
import { setBindings, useBindings } from './bindings-store';
import './subscriber.css';

export interface DataPanelProps {
  client: HostClient;
  documentId: string;
  documentPath: string | null;
  templateText: () => string;
  encoding: TextEncodingName;
  language: Language;
  chooseFile(): Promise<string | null>;
  /** The save dialog (the host writes only files the user chose), with a suggested name. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
  /** Opens text as a new document (the preview of a row). */
  openText(text: string): void;
  openPath(path: string): void;
}

const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'boolean', 'list'];

/** The data file each document was last shown with, kept while the user looks at other tabs (previews). */
const loadedData = new Map<string, DataRows>();

function fileNameOf(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

function folderOf(filePath: string): string {
  return filePath.slice(0, Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')));
}

function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : folder + separator + name;
}

export function DataPanel(props: DataPanelProps) {
  const { t } = useI18n();
  const { client, documentId, documentPath } = props;
  const bindings = useBindings(documentId);
  const [message, setMessage] = useState<string | null>(null);
  const [data, setDataState] = useState<DataRows | null>(() => loadedData.get(documentId) ?? null);
  const setData = (rows: DataRows) => {
    loadedData.set(documentId, rows);
    setDataState(rows);
  };
  const [rowNumber, setRowNumber] = useState(1);
  const [rowProblems, setRowProblems] = useState<string[]>([]);
  const [outputDirectory, setOutputDirectory] = useState('');
  const [nameTemplate, setNameTemplate] = useState('');
  const [job, setJob] = useState<{ id: string; status: GenerateStatus } | null>(null);
  const [signing, setSigning] = useState<{ request: BatchSigningRequest; identity: SigningIdentity } | null>(null);
  const [keyOffer, setKeyOffer] = useState<KeyStoreOffer | null>(null);
  const polling = useRef<number | null>(null);

  // The sidecar beside a saved template is read when the panel opens on it (once per document).
  useEffect(() => {
    if (!documentPath || bindings.fields.length > 0) return;
    client.invoke('file.read', { path: bindingsPathFor(documentPath) }).then(
      (file) => {
        try {
          setBindings(documentId, parseBindings(file.text));
        } catch {
          // A broken sidecar is reported when saving or generating; the panel starts empty.
        }
      },
      () => undefined,
    );
    setOutputDirectory(documentPath.replace(/\.xml$/i, '') + '-out');
  }, [documentId, documentPath]);

  useEffect(() => () => void (polling.current !== null && window.clearInterval(polling.current)), []);

  const describe = (error: unknown) => (error instanceof HostError ? t(error.messageKey, error.params) : error instanceof TemplateError ? t(error.messageKey, error.params) : String(error));

  async function saveBindings() {
    if (!documentPath) return;
    const target = await props.chooseSaveFile(fileNameOf(bindingsPathFor(documentPath)));
    if (!target) return;
    try {
      await client.invoke('file.save', { path: target, text: serializeBindings(bindings), encoding: 'utf-8' });
      setMessage(t('subscriber.savedBindings', { path: target }));
    } catch (error) {
      setMessage(describe(error));
    }
  }

  async function loadData() {
    const chosen = await props.chooseFile();
    if (!chosen) return;
    try {
      setData(await client.invoke('subscriber.readRows', { path: chosen, limit: 200 }));
      setRowNumber(1);
      setMessage(null);
    } catch (error) {
      setMessage(describe(error));
    }
  }

  const columns = useMemo(() => data?.columns ?? [], [data]);

  function preview() {
    const record = data?.rows.find((candidate) => candidate.row === rowNumber);
    if (!data || !record) return;
    if (!record.values) {
      setRowProblems([record.problem ?? '']);
      return;
    }
    try {
      const template = compileTemplate(BUNDLED_SCHEMA_MODEL, props.templateText(), bindings);
      const rendered = renderRow(BUNDLED_SCHEMA_MODEL, template, record.values as Row);
      if (!rendered.ok) {
        setRowProblems(rendered.problems.map((problem) => t('row.problemInColumn', { column: problem.column, message: t(problem.messageKey, problem.params) })));
        return;
      }
      setRowProblems([]);
      props.openText(rendered.text);
    } catch (error) {
      setRowProblems([describe(error)]);
    }
  }

  /**
   * The host writes a batch only into a folder the user chose. In the browser host the folder typed
   * in this panel is that choice (as the in-page save picker's is); with native dialogs the user
   * picks where the batch's manifest goes, and its folder receives the files.
   */
  async function chooseOutputFolder(): Promise<string | null> {
    try {
      await client.invoke('dialog.confirmSaveTarget', { path: joinPath(outputDirectory, BATCH_MANIFEST_NAME) });
      return outputDirectory;
    } catch (error) {
      if (!(error instanceof HostError) || error.code !== 'dialog.nativeOnly') throw error;
    }
    const manifest = await props.chooseSaveFile(BATCH_MANIFEST_NAME);
    if (!manifest) return null;
    const folder = folderOf(manifest);
    setOutputDirectory(folder);
    return folder;
  }

  async function generate() {
    if (!data) return;
    try {
      const chosenFolder = await chooseOutputFolder();
      if (chosenFolder === null) return;
      const { jobId } = await client.invoke('subscriber.generate', {
        templateText: props.templateText(),
        encoding: props.encoding,
        bindingsJson: serializeBindings(bindings),
        dataPath: data.path,
        outputDirectory: chosenFolder,
        ...(nameTemplate ? { nameTemplate } : {}),
        language: props.language,
        ...(signing ? { signing: signing.request } : {}),
      });
      setJob({ id: jobId, status: { state: 'running', done: 0, total: data.total, rate: 0, remainingMs: null, counts: { valid: 0, invalid: 0, rejected: 0, unchanged: 0 } } });
      polling.current = window.setInterval(() => {
        client.invoke('subscriber.status', { jobId }).then(
          (status) => {
            setJob({ id: jobId, status });
            if (status.state !== 'running' && polling.current !== null) {
              window.clearInterval(polling.current);
              polling.current = null;
            }
          },
          (error: unknown) => setMessage(describe(error)),
        );
      }, 250);
    } catch (error) {
      setMessage(describe(error));
    }
  }

  async function chooseSigningKey() {
    try {
      setKeyOffer(await client.invoke('signing.keyStores', undefined));
    } catch (error) {
      setMessage(describe(error));
    }
  }

  function updateField(index: number, patch: { name?: string; type?: FieldType }) {
    const fields = bindings.fields.map((field, position) => (position === index ? { ...field, ...patch } : field));
    setBindings(documentId, { ...bindings, fields });
  }

  const status = job?.status;
  // A signed batch opens its key store with the host's own PIN / password prompt.
  const secret = useSecretQuestion(client, status?.state === 'running' && signing !== null);
  const fraction = status ? progressFraction(status) : 0;

  return (
    <aside className="side-panel data-panel" aria-labelledby="data-panel-title" data-testid="data-panel">
      <header className="side-panel-header">
        <h2 id="data-panel-title">{t('subscriber.panel.title')}</h2>
      </header>
      <section aria-labelledby="data-fields-title">
        <h3 id="data-fields-title">{t('subscriber.fields')}</h3>
        {bindings.fields.length === 0 ? (
          <p className="data-note">{t('subscriber.noFields')}</p>
        ) : (
          <table className="data-fields" data-testid="data-fields">
            <thead>
              <tr>
                <th scope="col">{t('subscriber.field.name')}</th>
                <th scope="col">{t('subscriber.field.type')}</th>
                <th scope="col">{t('subscriber.field.place')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('subscriber.field.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bindings.fields.map((field, index) => (
                <tr key={field.xpath} data-testid="data-field">
                  <td>
                    <input aria-label={t('subscriber.field.name')} value={field.name} onChange={(event) => updateField(index, { name: event.target.value })} />
                  </td>
                  <td>
                    <select aria-label={t('subscriber.field.type')} value={field.type ?? 'string'} onChange={(event) => updateField(index, { type: event.target.value as FieldType })}>
                      {FIELD_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="data-place" title={field.xpath}>
                    {field.xpath}
                  </td>
                  <td>
                    <button type="button" onClick={() => setBindings(documentId, { ...bindings, fields: bindings.fields.filter((_, position) => position !== index) })}>
                      {t('subscriber.field.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" disabled={!documentPath || bindings.fields.length === 0} onClick={() => void saveBindings()} data-testid="data-save-bindings">
          {t('subscriber.saveBindings')}
        </button>
      </section>

      <section aria-labelledby="data-rows-title">
        <h3 id="data-rows-title">{t('subscriber.data')}</h3>
        <button type="button" onClick={() => void loadData()} data-testid="data-load">
          {t('subscriber.loadData')}
        </button>
        {data && (
          <>
            <p className="data-note" data-testid="data-summary">
              {t('subscriber.dataSummary', { file: fileNameOf(data.path), rows: data.total, columns: columns.join(', ') })}
            </p>
            <div className="data-row-picker">
              <label>
                {t('subscriber.row')}
                <input type="number" min={1} max={data.rows.length} value={rowNumber} onChange={(event) => setRowNumber(Number(event.target.value))} data-testid="data-row" />
              </label>
              <button type="button" disabled={bindings.fields.length === 0} onClick={preview} data-testid="data-preview">
                {t('subscriber.preview')}
              </button>
            </div>
            {rowProblems.length > 0 && (
              <ul className="data-problems" role="alert" data-testid="data-row-problems">
                {rowProblems.map((problem, index) => (
                  <li key={index}>{problem}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      {data && bindings.fields.length > 0 && (
        <section aria-labelledby="data-generate-title">
          <h3 id="data-generate-title">{t('subscriber.generateTitle')}</h3>
          <label className="data-input">
            {t('subscriber.outputFolder')}
            <input value={outputDirectory} onChange={(event) => setOutputDirectory(event.target.value)} data-testid="data-output" />
          </label>
          <label className="data-input">
            {t('subscriber.nameTemplate')}
            <input value={nameTemplate} placeholder="{SubscriberId}.xml" onChange={(event) => setNameTemplate(event.target.value)} />
          </label>
          <div className="data-signing" data-testid="data-signing">
            <p>
              {signing
                ? t('subscriber.signedWith', { subject: signing.identity.subject, thumbprint: signing.identity.thumbprintSha1 })
                : t('subscriber.unsigned')}
            </p>
            <div className="data-actions">
              <button type="button" onClick={() => void chooseSigningKey()} disabled={status?.state === 'running'} data-testid="data-choose-key">
                {t(signing ? 'subscriber.changeKey' : 'subscriber.chooseKey')}
              </button>
              {signing && (
                <button type="button" onClick={() => setSigning(null)} disabled={status?.state === 'running'} data-testid="data-no-signing">
                  {t('subscriber.noSigning')}
                </button>
              )}
            </div>
          </div>
          <div className="data-actions">
            <button type="button" disabled={outputDirectory === '' || status?.state === 'running'} onClick={() => void generate()} data-testid="data-generate">
              {t('subscriber.generate')}
            </button>
            {status?.state === 'running' && (
              <button type="button" onClick={() => void client.invoke('subscriber.cancel', { jobId: job!.id })}>
                {t('subscriber.cancel')}
              </button>
            )}
          </div>
          <SecretWaitingNotice secret={secret} onCancel={() => void secret.cancel()} />
          {status && (
            <div className="data-progress" data-testid="data-progress" data-state={status.state}>
              <progress max={1} value={fraction} aria-label={t('subscriber.generateTitle')} />
              <p role="status" data-testid="data-progress-words">
                {progressWords(status, t)}
              </p>
              {status.state !== 'running' && (
                <p data-testid="data-result">
                  {status.error ?? t('subscriber.finished', { valid: status.counts.valid, unchanged: status.counts.unchanged, invalid: status.counts.invalid, rejected: status.counts.rejected, manifest: status.manifestCsv ?? '' })}
                </p>
              )}
              {status.problems && status.problems.length > 0 && (
                <ul className="data-problems" data-testid="data-batch-problems">
                  {status.problems.map((problem) => (
                    <li key={problem.row}>{t('subscriber.rowProblem', { row: problem.row, line: problem.line, message: problem.message })}</li>
                  ))}
                </ul>
              )}
              {status.files && status.files.length > 0 && (
                <ul className="data-files" data-testid="data-files">
                  {status.files.map((file) => (
                    <li key={file}>
                      <button type="button" className="form-link" onClick={() => props.openPath(file)}>
                        {t('subscriber.open', { file: fileNameOf(file) })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      )}
      {message && (
        <p className="data-message" role="status" data-testid="data-message">
          {message}
        </p>
      )}
      {keyOffer && (
        <SignDialog
          client={client}
          offer={keyOffer}
          purpose={{
            kind: 'batch',
            onChosen: (request, identity) => {
              setSigning({ request, identity });
              setKeyOffer(null);
            },
          }}
          chooseFile={props.chooseFile}
          onCancel={() => setKeyOffer(null)}
        />
      )}
    </aside>
  );
}
