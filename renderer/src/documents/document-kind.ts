// Which kind of document a model holds, from its root element name, read from the first lines
// only (cheap enough to call on every render, even for a very large file).
import type { monaco } from '../editor/monaco';

export type DocumentKind = 'provisioning' | 'result' | 'other';

const ROOT_PATTERN = /<(?:[\w.-]+:)?(CarrierProvisioningResult|CarrierProvisioning)[\s>/]/;

export function documentKindOf(model: monaco.editor.ITextModel): DocumentKind {
  const lastLine = Math.min(model.getLineCount(), 200);
  const head = model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: lastLine, endColumn: model.getLineMaxColumn(lastLine) });
  const match = ROOT_PATTERN.exec(head);
  if (!match) return 'other';
  return match[1] === 'CarrierProvisioningResult' ? 'result' : 'provisioning';
}
