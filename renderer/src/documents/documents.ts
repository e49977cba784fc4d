// Open documents: what the tabs show (title, path, dirty) and what saving needs (encoding,
// line ending, the digest of the bytes on disk). The text itself lives in a Monaco model.
import type { LineEnding, OpenedFile, TextEncodingName } from '../../../shared/common/ipc';
import { preferredLineEnding } from '../../../shared/common/text/line-endings';
import { monaco } from '../editor/monaco';
import { NAMESPACES } from '../../../shared/common/xml/namespaces';
import { ZERO_GUID, ZERO_IMSI } from '../../../shared/common/schema-model/placeholders';

export interface OpenDocument {
  id: string;
  path: string | null;
  /** For never-saved documents: Untitled-N. */
  untitledNumber: number | null;
  encoding: TextEncodingName;
  lineEnding: LineEnding;
  diskSha256: string | null;
  /** Monaco's alternative version id at the last save or open; equal means "not dirty". */
  savedVersionId: number;
  dirty: boolean;
}

const models = new Map<string, monaco.editor.ITextModel>();

export function newDocumentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function modelOf(documentId: string): monaco.editor.ITextModel | null {
  return models.get(documentId) ?? null;
}

export function createModel(documentId: string, text: string, path: string | null): monaco.editor.ITextModel {
  const uri = monaco.Uri.from({ scheme: 'provstudio', path: `/${documentId}/${path ? path.split(/[\\/]/).pop() : 'untitled.xml'}` });
  const model = monaco.editor.createModel(text, 'xml', uri);
  // No bracket pair colouring (a model option: the editor's option of that name does not reach
  // the model). In XML every tag is its own pair of angle brackets, all at one depth, so colouring
  // pairs by depth says nothing, and Monaco kept a bracket tree of the whole text for it, re-parsed
  // as its background tokenization went on: 300 ms on the first form change in a 1 MB file.
  model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
  model.setEOL(preferredLineEnding(text) === 'crlf' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF);
  models.set(documentId, model);
  return model;
}

export function disposeModel(documentId: string): void {
  models.get(documentId)?.dispose();
  models.delete(documentId);
}

export function documentFromFile(file: OpenedFile, id = newDocumentId()): OpenDocument {
  const model = createModel(id, file.text, file.path);
  return {
    id,
    path: file.path,
    untitledNumber: null,
    encoding: file.encoding,
    lineEnding: file.lineEnding,
    diskSha256: file.diskSha256,
    savedVersionId: model.getAlternativeVersionId(),
    dirty: false,
  };
}

export function untitledDocument(text: string, untitledNumber: number, id = newDocumentId()): OpenDocument {
  const model = createModel(id, text, null);
  return {
    id,
    path: null,
    untitledNumber,
    encoding: 'utf-8',
    lineEnding: 'lf',
    diskSha256: null,
    savedVersionId: model.getAlternativeVersionId(),
    dirty: false,
  };
}

export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function directoryOf(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index <= 0 ? path.slice(0, index + 1) || '/' : path.slice(0, index);
}

export function joinPath(directory: string, name: string): string {
  const separator = directory.includes('\\') && !directory.includes('/') ? '\\' : '/';
  return directory.endsWith(separator) ? directory + name : directory + separator + name;
}

/** A blank provisioning file to start from (templates for each scenario come with the forms). */
export const BLANK_PROVISIONING_FILE = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${NAMESPACES.carrierControlV1}">
  <Global>
    <CarrierId>${ZERO_GUID}</CarrierId>
    <SubscriberId>${ZERO_IMSI}</SubscriberId>
  </Global>
</CarrierProvisioning>
`;
