// Which results document the inspector shows, and the provisioning documents it can compare
// with (every other open provisioning file).
import { useEffect, useState } from 'react';
import { documentKindOf } from '../documents/document-kind';
import { modelOf, type OpenDocument } from '../documents/documents';

export function useInspectedResult(documents: OpenDocument[], activeDocument: OpenDocument | null, titleOf: (doc: OpenDocument) => string) {
  const [inspectedResultId, setInspectedResultId] = useState<string | null>(null);
  const activeModel = activeDocument ? modelOf(activeDocument.id) : null;
  const activeKind = activeModel ? documentKindOf(activeModel) : null;
  // A results document the user switches to becomes the inspected one; it stays while they look at a source.
  useEffect(() => {
    if (activeDocument && activeKind === 'result') setInspectedResultId(activeDocument.id);
  }, [activeDocument?.id, activeKind]);
  const result = documents.find((doc) => doc.id === inspectedResultId) ?? null;
  const model = result ? modelOf(result.id) : null;
  const sources = documents
    .filter((doc) => doc.id !== inspectedResultId)
    .map((doc) => ({ doc, model: modelOf(doc.id) }))
    .filter((entry): entry is { doc: OpenDocument; model: NonNullable<typeof entry.model> } => entry.model !== null && documentKindOf(entry.model) === 'provisioning')
    .map(({ doc, model: sourceModel }) => ({ documentId: doc.id, title: titleOf(doc), model: sourceModel, sha256: doc.dirty ? null : doc.diskSha256 }));
  return { result: result && model ? { document: result, model } : null, sources, inspect: setInspectedResultId };
}
