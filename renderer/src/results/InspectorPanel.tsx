// The results inspector: for a CarrierProvisioningResult document, what applied and what failed
// per section, the result tree with failures marked, the meaning of the selected code and what
// to do about it, and a link from each result to its element in the source provisioning file.
import { useEffect, useMemo, useState } from 'react';
import type { Range } from '../../../shared/common/xml/positions';
import {
  allNodes,
  describeHresult,
  findNode,
  formatReport,
  mapResultsToSource,
  readResults,
  type ReportFormat,
  type ResultNode,
} from '../../../shared/common/results/index';
import type { monaco } from '../editor/monaco';
import { useI18n } from '../i18n';
import { Icon, type IconName } from '../components/Icon';

export interface SourceCandidate {
  documentId: string;
  title: string;
  model: monaco.editor.ITextModel;
  sha256: string | null;
}

export interface InspectorPanelProps {
  resultTitle: string;
  resultModel: monaco.editor.ITextModel;
  resultSha256: string | null;
  /** Open provisioning documents the results may belong to. */
  sources: SourceCandidate[];
  onOpenSource(): void;
  /** Select a range in a document (switching to its tab). */
  onReveal(documentId: string | null, range: Range): void;
  onExport(format: ReportFormat, text: string, suggestedName: string): void;
}

const OUTCOME_ICON = { applied: 'check', failed: 'close', partial: 'partial', notReported: 'dash', unreadable: 'question' } as const satisfies Record<string, IconName>;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function useModelVersion(model: monaco.editor.ITextModel | null): number {
  const [version, setVersion] = useState(() => model?.getAlternativeVersionId() ?? 0);
  useEffect(() => {
    if (!model) return;
    setVersion(model.getAlternativeVersionId());
    const subscription = model.onDidChangeContent(() => setVersion(model.getAlternativeVersionId()));
    return () => subscription.dispose();
  }, [model]);
  return version;
}

function NodeTree({ node, selectedId, onSelect, t }: { node: ResultNode; selectedId: string | null; onSelect(id: string): void; t: (key: string) => string }) {
  return (
    <li role="treeitem" aria-selected={node.id === selectedId} aria-expanded={node.children.length > 0 ? true : undefined}>
      <button
        type="button"
        className={`result-node outcome-${node.outcome}${node.id === selectedId ? ' selected' : ''}`}
        onClick={() => onSelect(node.id)}
        data-testid="result-node"
        data-outcome={node.outcome}
      >
        <Icon name={OUTCOME_ICON[node.outcome]} /> {node.element}
        {node.name ? <span className="muted"> “{node.name}”</span> : null}
        {node.errorCode && node.outcome !== 'applied' ? <code className="result-code">0x{node.errorCode}</code> : null}
        <span className="visually-hidden">{t(`inspector.outcome.${node.outcome}`)}</span>
      </button>
      {node.children.length > 0 && (
        <ul role="group">
          {node.children.map((child) => (
            <NodeTree key={child.id} node={child} selectedId={selectedId} onSelect={onSelect} t={t} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function InspectorPanel({ resultTitle, resultModel, resultSha256, sources, onOpenSource, onReveal, onExport }: InspectorPanelProps) {
  const { t, language } = useI18n();
  const [sourceId, setSourceId] = useState<string | null>(sources.length === 1 ? sources[0]!.documentId : null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const resultVersion = useModelVersion(resultModel);
  const source = sources.find((candidate) => candidate.documentId === sourceId) ?? null;
  const sourceVersion = useModelVersion(source?.model ?? null);

  useEffect(() => {
    if (sourceId === null && sources.length === 1) setSourceId(sources[0]!.documentId);
    if (sourceId !== null && !sources.some((candidate) => candidate.documentId === sourceId)) setSourceId(null);
  }, [sources, sourceId]);

  const results = useMemo(() => readResults(resultModel.getValue()), [resultModel, resultVersion]);
  const mapping = useMemo(() => (source && results.wellFormed ? mapResultsToSource(results, source.model.getValue()) : null), [results, source, sourceVersion]);

  const failures = results.root ? allNodes(results.root).filter((node) => node.outcome === 'failed' || node.outcome === 'unreadable') : [];
  const selected = selectedId && results.root ? (findNode(results.root, selectedId) ?? null) : null;
  const description = selected?.decoded ? describeHresult(selected.decoded, language) : null;
  const link = selected && mapping ? mapping.links[selected.id] : undefined;

  useEffect(() => {
    // Start on the first failure: that is what a QA engineer opened the file for.
    if (selectedId === null && failures[0]) setSelectedId(failures[0].id);
  }, [failures, selectedId]);

  async function exportReport(format: ReportFormat) {
    const text = formatReport(format, {
      model: results,
      ...(mapping ? { mapping } : {}),
      result: { name: resultTitle, sha256: resultSha256 ?? (await sha256Hex(resultModel.getValue())) },
      ...(source ? { source: { name: source.title, sha256: source.sha256 ?? (await sha256Hex(source.model.getValue())) } } : {}),
      date: new Date().toISOString(),
      language,
      translate: (key, params) => t(key, params),
    });
    const extension = format === 'md' ? 'md' : format;
    onExport(format, text, `${resultTitle.replace(/\.xml$/i, '')}-report.${extension}`);
  }

  return (
    <aside className="side-panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <header className="side-panel-header">
        <h2 id="inspector-title">{t('inspector.title')}</h2>
      </header>

      {!results.wellFormed ? (
        <p className="error-text" role="alert">
          {t('inspector.notWellFormed')}
        </p>
      ) : (
        <>
          <p className={results.failed ? 'verdict verdict-bad' : 'verdict verdict-ok'} data-testid="inspector-summary" role="status">
            {results.failed
              ? t('inspector.summaryFailed', { failed: results.totals.failed + results.totals.unreadable, applied: results.totals.applied })
              : t('inspector.summaryApplied', { applied: results.totals.applied })}
          </p>
          <table className="sections">
            <caption className="visually-hidden">{t('inspector.sections')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inspector.section')}</th>
                <th scope="col">{t('inspector.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {results.sections.map((section) => (
                <tr key={section.nodeId} className={`outcome-${section.outcome}`} data-testid="inspector-section">
                  <td>{section.section}</td>
                  <td>
                    <Icon name={OUTCOME_ICON[section.outcome]} /> {t(`inspector.outcome.${section.outcome}`)}
                    {section.failed > 0 ? ` (${section.failed})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <div className="form-row">
        <label htmlFor="inspector-source">{t('inspector.source')}</label>
        <div className="input-with-button">
          <select id="inspector-source" value={sourceId ?? ''} onChange={(event) => setSourceId(event.target.value || null)} data-testid="inspector-source">
            <option value="">{t('inspector.noSource')}</option>
            {sources.map((candidate) => (
              <option key={candidate.documentId} value={candidate.documentId}>
                {candidate.title}
              </option>
            ))}
          </select>
          <button type="button" onClick={onOpenSource}>
            {t('inspector.openSource')}
          </button>
        </div>
      </div>

      {results.root && (
        <section>
          <h3>{t('inspector.tree')}</h3>
          <ul className="result-tree" role="tree" aria-label={t('inspector.tree')}>
            <NodeTree node={results.root} selectedId={selectedId} onSelect={setSelectedId} t={t} />
          </ul>
        </section>
      )}

      {selected && (
        <section className="result-details" data-testid="inspector-details" aria-live="polite">
          <h3>{selected.path}</h3>
          {description ? (
            <>
              <p>
                <code>{description.display}</code> <strong>{description.name}</strong>
              </p>
              <p>{description.meaning}</p>
              <p className="note">{description.advice}</p>
            </>
          ) : (
            <p className="muted">{t('inspector.noCode')}</p>
          )}
          <div className="side-panel-actions">
            <button type="button" onClick={() => onReveal(null, selected.range)} data-testid="inspector-reveal-result">
              {t('inspector.revealResult')}
            </button>
            <button
              type="button"
              disabled={!link || !source}
              onClick={() => link && source && onReveal(source.documentId, link.nameRange)}
              data-testid="inspector-reveal-source"
            >
              {t('inspector.revealSource')}
            </button>
          </div>
          {source && !link && <p className="muted small">{t('inspector.notLinked')}</p>}
        </section>
      )}

      {(results.findings.length > 0 || (mapping?.findings.length ?? 0) > 0) && (
        <section>
          <h3>{t('inspector.findings')}</h3>
          <ul className="findings" data-testid="inspector-findings">
            {[...results.findings, ...(mapping?.findings ?? [])].map((finding, index) => (
              <li key={`${finding.code}-${index}`}>
                <button
                  type="button"
                  className="link"
                  onClick={() => onReveal(finding.file === 'source' ? (source?.documentId ?? null) : null, finding.range)}
                >
                  {t(finding.messageKey, finding.params)}
                </button>
                {finding.suggestionKey ? <span className="muted small"> — {t(finding.suggestionKey, finding.params)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="side-panel-actions">
        {(['md', 'html', 'json'] as ReportFormat[]).map((format) => (
          <button key={format} type="button" onClick={() => void exportReport(format)} data-testid={`inspector-export-${format}`}>
            {t(`inspector.export.${format}`)}
          </button>
        ))}
      </div>
    </aside>
  );
}
