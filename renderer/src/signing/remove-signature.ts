// Removing a file's signature as a text edit: the root's ds:Signature child, plus its own line
// when it stands alone on one. Everything else stays byte for byte, so removing a signature this
// app added gives back the bytes that were signed.
import { parseXml } from '../../../shared/common/xml/parse';
import { NAMESPACES } from '../../../shared/common/xml/namespaces';


/** The text without its root-level Signature, or null when there is none (or the text does not parse). */
export function textWithoutSignature(text: string): string | null {
  const parsed = parseXml(text);
  if (!parsed.ok) return null;
  const signature = parsed.document.root.children.find(
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
  return text.slice(0, start) + text.slice(end);
}
