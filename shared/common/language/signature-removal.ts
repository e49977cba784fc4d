// Removing a file's signature as a text edit: the root's ds:Signature child, plus its own line
// when it stands alone on one. Everything else stays byte for byte, so removing a signature this
// app added gives back the bytes that were signed.
import { applyTextEdits, makeEdit, type TextEdit } from '../edit/text-edits';
import type { XmlDocumentNode } from '../xml/model';
import { NAMESPACES } from '../xml/namespaces';
import { parseXml } from '../xml/parse';

/** The edit that removes the root-level Signature (with its line when alone on it), or null when there is none. */
export function signatureRemovalEdit(document: XmlDocumentNode): TextEdit | null {
  const text = document.text;
  const signature = document.root.children.find(
    (child) => child.kind === 'element' && child.localName === 'Signature' && child.namespaceUri === NAMESPACES.xmlDsig,
  );
  if (!signature) return null;
  let start = signature.start;
  let end = signature.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBreakAfter = /^[ \t]*\r?\n/.exec(text.slice(end, end + 256));
  if (lineStart > 0 && /^[ \t]*$/.test(text.slice(lineStart, start)) && lineBreakAfter) {
    start = lineStart;
    end += lineBreakAfter[0].length;
  }
  return makeEdit(document, start, end, '');
}

/** The text without its root-level Signature, or null when there is none (or the text does not parse). */
export function textWithoutSignature(text: string): string | null {
  const parsed = parseXml(text);
  if (!parsed.ok) return null;
  const edit = signatureRemovalEdit(parsed.document);
  return edit ? applyTextEdits(text, [edit]) : null;
}
