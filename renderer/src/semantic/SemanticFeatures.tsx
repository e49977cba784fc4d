// The semantic features of a provisioning document, in one place for the app shell: the "What
// Windows will do" panel and the "Compare with…" view, with the loading of the other version
// (another file, the saved file, or the last committed version through the host's git channel).
import { useState } from 'react';
import { HostError, type HostClient, type TextEncodingName } from '../../../shared/common/ipc';
import type { Range } from '../../../shared/common/xml/positions';
import type { monaco } from '../editor/monaco';
import { useI18n } from '../i18n';
import { CompareView } from './CompareView';
import { SemanticPanel, type CompareSource } from './SemanticPanel';

export interface SemanticFeaturesProps {
  client: HostClient;
  model: monaco.editor.ITextModel;
  encoding: TextEncodingName;
  path: string | null;
  title: string;
  theme: 'light' | 'dark';
  chooseFile(): Promise<string | null>;
  onReveal(range: Range): void;
  onOpenPredicted(resultXml: string): void;
  onMessage(message: string): void;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function SemanticFeatures(props: SemanticFeaturesProps) {
  const { t } = useI18n();
  const [original, setOriginal] = useState<{ title: string; text: string } | null>(null);

  async function compare(source: CompareSource) {
    try {
      if (source === 'file') {
        const chosen = await props.chooseFile();
        if (!chosen) return;
        const file = await props.client.invoke('file.read', { path: chosen });
        setOriginal({ title: baseName(chosen), text: file.text });
      } else if (!props.path) {
        props.onMessage(t('semantic.compare.notSaved'));
      } else if (source === 'saved') {
        const file = await props.client.invoke('file.read', { path: props.path });
        setOriginal({ title: t('semantic.compare.savedTitle', { name: baseName(props.path) }), text: file.text });
      } else {
        const committed = await props.client.invoke('git.committedVersion', { path: props.path });
        if (!committed) props.onMessage(t('semantic.compare.noCommitted'));
        else setOriginal({ title: t('semantic.compare.committedTitle', { name: baseName(props.path), commit: committed.commit.slice(0, 8) }), text: committed.text });
      }
    } catch (caught) {
      props.onMessage(caught instanceof HostError ? t(caught.messageKey, caught.params) : t('error.unexpected', { detail: String(caught) }));
    }
  }

  return (
    <>
      <SemanticPanel
        client={props.client}
        model={props.model}
        encoding={props.encoding}
        hasPath={props.path !== null}
        chooseFile={props.chooseFile}
        onReveal={props.onReveal}
        onOpenPredicted={props.onOpenPredicted}
        onCompare={(source) => void compare(source)}
      />
      {original && <CompareView original={original} model={props.model} modifiedTitle={props.title} theme={props.theme} onClose={() => setOriginal(null)} />}
    </>
  );
}
