// "What Windows will do": the side panel of a provisioning document with three pages: the
// summary (each sentence selects its element), the dry run (the same choices as
// `provstudio dry-run`, each line selecting its element and citing its rule and HRESULT, and a
// button opening the predicted results in the inspector) and "Compare with…".
import { useEffect, useMemo, useState } from 'react';
import { HostError, type HostClient, type TextEncodingName } from '../../../shared/common/ipc';
import type { Prediction, ProvisioningSource } from '../../../shared/common/semantic/dry-run';
import { renderPrediction } from '../../../shared/common/semantic/dry-run-report';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { startTagRangeOf } from '../../../shared/common/semantic/positions';
import { renderSentence, summarize } from '../../../shared/common/semantic/summary';
import type { Range } from '../../../shared/common/xml/positions';
import type { monaco } from '../editor/monaco';
import { isLargeModel, sizeInMegabytes } from '../editor/parsed-model';
import { useI18n } from '../i18n';
import { AdapterFields, DEFAULT_ADAPTERS, type AdapterChoice } from './AdapterFields';

export type CompareSource = 'file' | 'saved' | 'committed';

export interface SemanticPanelProps {
  client: HostClient;
  model: monaco.editor.ITextModel;
  encoding: TextEncodingName;
  /** Whether the document has a file on disk (for "the saved version" and git). */
  hasPath: boolean;
  chooseFile(): Promise<string | null>;
  onReveal(range: Range): void;
  onOpenPredicted(resultXml: string): void;
  onCompare(source: CompareSource): void;
}

type Page = 'summary' | 'dryRun' | 'compare';

/** The model's text, re-read 300 ms after the last keystroke. */
function useDebouncedText(model: monaco.editor.ITextModel): { text: string; version: number } {
  const [state, setState] = useState(() => ({ text: isLargeModel(model) ? '' : model.getValue(), version: model.getAlternativeVersionId() }));
  useEffect(() => {
    setState({ text: isLargeModel(model) ? '' : model.getValue(), version: model.getAlternativeVersionId() });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setState({ text: isLargeModel(model) ? '' : model.getValue(), version: model.getAlternativeVersionId() }), 300);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  }, [model]);
  return state;
}

function Summary({ text, onReveal }: { text: string; onReveal(range: Range): void }) {
  const { language, t } = useI18n();
  const model = useMemo(() => readProvisioningModel(text), [text]);
  if (!model.ok) return <p className="error-text" role="alert">{t('semantic.summary.notProvisioning', { reason: model.error?.message ?? '' })}</p>;
  return (
    <ol className="semantic-sentences" data-testid="semantic-summary">
      {summarize(model).map((sentence, index) => (
        <li key={index}>
          <button type="button" className="link" data-section={sentence.section} onClick={() => onReveal(startTagRangeOf(text, sentence.span))}>
            {renderSentence(language, sentence)}
          </button>
        </li>
      ))}
    </ol>
  );
}

function DryRun({ client, model, encoding, chooseFile, onReveal, onOpenPredicted, version }: Pick<SemanticPanelProps, 'client' | 'model' | 'encoding' | 'chooseFile' | 'onReveal' | 'onOpenPredicted'> & { version: number }) {
  const { language, t } = useI18n();
  const [source, setSource] = useState<ProvisioningSource>('operator-app');
  const [adapters, setAdapters] = useState<AdapterChoice>(DEFAULT_ADAPTERS);
  const [previous, setPrevious] = useState<{ path: string; text: string } | null>(null);
  const [trusted, setTrusted] = useState<string[]>([]);
  const [result, setResult] = useState<{ prediction: Prediction; text: string; version: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const report = (caught: unknown) => setError(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));

  async function run() {
    setBusy(true);
    setError(null);
    const text = model.getValue();
    const runVersion = model.getAlternativeVersionId();
    try {
      const prediction = await client.invoke('semantic.dryRun', { text, encoding, source, ...adapters, trustedPaths: trusted, ...(previous ? { previousText: previous.text } : {}) });
      setResult({ prediction, text, version: runVersion });
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  }

  async function choosePrevious() {
    const path = await chooseFile();
    if (!path) return;
    try {
      const file = await client.invoke('file.read', { path });
      setPrevious({ path, text: file.text });
    } catch (caught) {
      report(caught);
    }
  }

  async function addTrusted() {
    const path = await chooseFile();
    if (path && !trusted.includes(path)) setTrusted([...trusted, path]);
  }

  const rendered = result ? renderPrediction(language, result.prediction, result.text) : null;
  return (
    <div className="semantic-dry-run">
      <div className="semantic-form">
        <label>
          {t('semantic.dryrun.source')}
          <select value={source} onChange={(event) => setSource(event.target.value as ProvisioningSource)} data-testid="dry-run-source">
            {(['operator-app', 'app', 'website'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`semantic.dryrun.source.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <AdapterFields
          value={adapters}
          onChange={setAdapters}
          testIdPrefix="dry-run"
        />
        <div>
          {t('semantic.dryrun.previous')}: <span className="small">{previous?.path ?? t('semantic.dryrun.noPrevious')}</span>{' '}
          <button type="button" className="link" onClick={() => void choosePrevious()}>
            {t('semantic.dryrun.choose')}
          </button>
          {previous && (
            <button type="button" className="link" onClick={() => setPrevious(null)}>
              {t('semantic.dryrun.clear')}
            </button>
          )}
        </div>
        <div>
          {t('semantic.dryrun.trusted')}{' '}
          <button type="button" className="link" onClick={() => void addTrusted()}>
            {t('semantic.dryrun.choose')}
          </button>
          <ul className="roots">
            {trusted.map((path) => (
              <li key={path}>
                <span className="small">{path}</span>{' '}
                <button type="button" className="link" onClick={() => setTrusted(trusted.filter((other) => other !== path))}>
                  {t('semantic.dryrun.clear')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="side-panel-actions">
          <button type="button" onClick={() => void run()} disabled={busy} data-testid="dry-run-run">
            {busy ? t('semantic.dryrun.running') : t('semantic.dryrun.run')}
          </button>
          {result && (
            <button type="button" onClick={() => onOpenPredicted(result.prediction.resultXml)} data-testid="dry-run-open-predicted">
              {t('semantic.dryrun.openPredicted')}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {rendered && result && (
        <div data-testid="dry-run-result" data-outcome={rendered.outcome}>
          {result.version !== version && (
            <p className="stale" role="alert">
              {t('semantic.dryrun.stale')}
            </p>
          )}
          <p className={`semantic-outcome ${rendered.outcome}`} role="status">
            {rendered.outcomeText}
          </p>
          <p className="small">{rendered.requirementText}</p>
          <ul className="semantic-lines">
            {rendered.lines.map((line, index) => (
              <li key={index} className={`severity-${line.severity}`} data-rule={line.rule}>
                {line.span ? (
                  <button type="button" className="link" onClick={() => onReveal(startTagRangeOf(result.text, line.span!))}>
                    {line.text}
                  </button>
                ) : (
                  <span>{line.text}</span>
                )}
                {line.hresult && (
                  <code className="hresult">
                    {' '}
                    {line.hresult}
                    {line.symbol ? ` ${line.symbol}` : ''}
                  </code>
                )}
                <div className="muted small">{line.ruleText}</div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function SemanticPanel(props: SemanticPanelProps) {
  const { t } = useI18n();
  const [page, setPage] = useState<Page>('summary');
  const { text, version } = useDebouncedText(props.model);
  return (
    <aside className="side-panel semantic-panel" aria-labelledby="semantic-title" data-testid="semantic-panel">
      <header className="side-panel-header">
        <h2 id="semantic-title">{t('semantic.panel.title')}</h2>
      </header>
      <div className="segmented" role="tablist" aria-label={t('semantic.panel.title')}>
        {(['summary', 'dryRun', 'compare'] as const).map((value) => (
          <button key={value} type="button" role="tab" aria-selected={page === value} onClick={() => setPage(value)} data-testid={`semantic-tab-${value}`}>
            {t(`semantic.tab.${value}`)}
          </button>
        ))}
      </div>
      {page === 'summary' &&
        (isLargeModel(props.model) ? (
          <p className="note" role="status" data-testid="semantic-summary-paused">
            {t('semantic.summary.paused', { size: sizeInMegabytes(props.model) })}
          </p>
        ) : (
          <Summary text={text} onReveal={props.onReveal} />
        ))}
      {page === 'dryRun' && <DryRun {...props} version={version} />}
      {page === 'compare' && (
        <div className="side-panel-actions semantic-compare" role="group" aria-label={t('semantic.compare.with')}>
          <button type="button" onClick={() => props.onCompare('file')} data-testid="compare-file">
            {t('semantic.compare.file')}
          </button>
          <button type="button" onClick={() => props.onCompare('saved')} disabled={!props.hasPath} data-testid="compare-saved">
            {t('semantic.compare.saved')}
          </button>
          <button type="button" onClick={() => props.onCompare('committed')} disabled={!props.hasPath} data-testid="compare-committed">
            {t('semantic.compare.committed')}
          </button>
        </div>
      )}
    </aside>
  );
}
