// The dock's tools for the active document: Problems, To fill in (provisioning files), Signature, Results inspector, What Windows
// will do (summary, dry run, compare) and per-subscriber Data, each a tab of the one dock.
import type { HostClient } from '../../../shared/common/ipc';
import type { Language } from '../../../shared/common/i18n/index';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { Range } from '../../../shared/common/xml/positions';
import { ProblemsPanel } from '../components/ProblemsPanel';
import type { OpenDocument } from '../documents/documents';
import type { Documents } from '../documents/useDocuments';
import type { monaco } from '../editor/monaco';
import { applyDiagnosticFix } from '../editor/quick-fixes';
import type { ValidationState } from '../editor/useValidation';
import { useI18n } from '../i18n';
import { InspectorPanel } from '../results/InspectorPanel';
import type { useInspectedResult } from '../results/inspected-result';
import { SemanticFeatures } from '../semantic/SemanticFeatures';
import { FillInPanel, placeholdersToFill } from '../forms/FillInPanel';
import { SignaturePanel } from '../signing/SignaturePanel';
import type { useSignFlow } from '../signing/useSignFlow';
import { DataPanel } from '../subscriber/DataPanel';
import { Dock, type DockEntry } from './Dock';
import type { useDock } from './useDock';

export interface ToolDockProps {
  dock: ReturnType<typeof useDock>;
  client: HostClient;
  document: OpenDocument;
  model: monaco.editor.ITextModel;
  title: string;
  /** A provisioning file: the semantic and data tools apply. */
  formApplies: boolean;
  theme: 'light' | 'dark';
  language: Language;
  validation: ValidationState;
  targetName: string;
  onRevealDiagnostic(diagnostic: Diagnostic): void;
  /** A "To fill in" entry chosen: its field in the form, else its place in the XML. */
  onJumpToFill(diagnostic: Diagnostic): void;
  /** The app's trust list for signature checks (Settings.trustedRootPaths) and its change. */
  trustedRoots: readonly string[];
  onTrustedRootsChange(paths: string[]): void;
  onFixStale(): void;
  inspected: ReturnType<typeof useInspectedResult>;
  titleOf(doc: OpenDocument): string;
  docs: Documents;
  signing: ReturnType<typeof useSignFlow>;
  onRevealRange(documentId: string | null, range: Range): void;
  onOpenPredicted(resultXml: string): void;
  onMessage(message: string): void;
  openText(text: string): void;
}

export function ToolDock(props: ToolDockProps) {
  const { t } = useI18n();
  const { client, document, model, docs, inspected } = props;
  // What every panel about the open document is given.
  const documentTools = { client, encoding: document.encoding, chooseFile: () => docs.chooseFile('open') };
  const chooseCertificateFile = () => docs.chooseFile('open', undefined, { name: t('picker.certificates'), extensions: ['cer', 'pem', 'crt'] });
  const errors = props.validation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const entries: DockEntry[] = [
    {
      id: 'problems',
      label: t('problems.title'),
      keepMounted: true,
      badge: errors,
      content: (
        <ProblemsPanel
          diagnostics={props.validation.diagnostics}
          pending={props.validation.pending}
          targetName={props.targetName}
          onReveal={props.onRevealDiagnostic}
          onFix={(diagnostic) => {
            if (!applyDiagnosticFix(model, diagnostic)) props.onFixStale();
          }}
        />
      ),
    },
    ...(props.formApplies
      ? [
          {
            id: 'fillIn' as const,
            label: t('fillIn.title'),
            badge: placeholdersToFill(props.validation.diagnostics).length,
            content: <FillInPanel diagnostics={props.validation.diagnostics} pending={props.validation.pending} onJump={props.onJumpToFill} />,
          },
        ]
      : []),
    {
      id: 'signature',
      label: t('signature.title'),
      content: (
        <SignaturePanel
          key={document.id}
          {...documentTools}
          model={model}
          chooseCertificateFile={chooseCertificateFile}
          trustedRoots={props.trustedRoots}
          onTrustedRootsChange={props.onTrustedRootsChange}
          onSign={() => void props.signing.openSignDialog()}
          onRemoveSignature={props.signing.removeSignature}
          checkRequest={props.signing.checkRequest}
        />
      ),
    },
  ];
  const result = inspected.result;
  if (result) {
    entries.push({
      id: 'inspector',
      label: t('dock.results'),
      content: (
        <InspectorPanel
          key={result.document.id}
          resultTitle={props.titleOf(result.document)}
          resultModel={result.model}
          resultSha256={result.document.dirty ? null : result.document.diskSha256}
          sources={inspected.sources}
          onOpenSource={() => void docs.openWithDialog({ activate: false })}
          onReveal={(documentId, range) => props.onRevealRange(documentId ?? result.document.id, range)}
          onExport={(_format, text, suggestedName) => void docs.exportText(text, suggestedName)}
        />
      ),
    });
  }
  if (props.formApplies) {
    entries.push(
      {
        id: 'semantic',
        label: t('dock.semantic'),
        content: (
          <SemanticFeatures
            key={document.id}
            {...documentTools}
            model={model}
            path={document.path}
            title={props.title}
            theme={props.theme}
            onReveal={(range) => props.onRevealRange(null, range)}
            onOpenPredicted={props.onOpenPredicted}
            onMessage={props.onMessage}
          />
        ),
      },
      {
        id: 'data',
        label: t('subscriber.toolbar'),
        content: (
          <DataPanel
            key={document.id}
            {...documentTools}
            documentId={document.id}
            documentPath={document.path}
            templateText={() => model.getValue()}
            language={props.language}
            chooseSaveFile={(name) => docs.chooseFile('save', name)}
            openText={props.openText}
            openPath={(path) => void docs.openPath(path)}
          />
        ),
      },
    );
  }
  return <Dock entries={entries} active={props.dock.tab} onSelect={props.dock.select} onCollapse={props.dock.collapse} />;
}
