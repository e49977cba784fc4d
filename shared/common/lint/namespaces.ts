// Namespaces that are almost right. Microsoft's own msProvisionNetworks sample writes
// `https://www.microsoft.com/networking/CarrierControl/v1`; a namespace that differs from one we
// know only by its scheme, letter case, a trailing slash or the version digit of a `/vN` segment
// makes Windows refuse the file (wrong root, unexpected element) or silently skip the block (in a
// lax slot). Each such declaration gets an error naming the intended namespace, with a fix that
// replaces the declaration's value and nothing else.
import type { MessageKey } from '../i18n/index';
import { KNOWN_NAMESPACES } from '../xml/namespaces';
import { createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import { attributeValueSpan, rangeOf, walkElements, type XmlAttributeNode, type XmlDocumentNode } from '../xml/model';

export const NEAR_MISS_NAMESPACE_CODE = 'PS-L032';
export const NEAR_MISS_NAMESPACE_MESSAGE: MessageKey = 'lint.namespaceNearMiss';


const KNOWN = new Set(KNOWN_NAMESPACES);

/** Scheme, case and trailing slashes removed; keeps the version digit. */
function looseKey(namespace: string): string {
  return namespace.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

/** The loose key with a final `/vN` segment's digits replaced, plus those digits. */
function familyOf(namespace: string): { family: string; version: number | null } {
  const key = looseKey(namespace);
  const match = /^(.*\/v)(\d+)$/.exec(key);
  return match ? { family: `${match[1]}#`, version: Number(match[2]) } : { family: key, version: null };
}

/** The namespace this one was almost certainly meant to be, or undefined (also when it is exact or unrelated). */
export function intendedNamespace(namespace: string): string | undefined {
  if (KNOWN.has(namespace)) return undefined;
  const key = looseKey(namespace);
  const sameKey = KNOWN_NAMESPACES.find((known) => looseKey(known) === key);
  if (sameKey) return sameKey;
  const { family, version } = familyOf(namespace);
  if (version === null) return undefined;
  let best: { known: string; distance: number } | undefined;
  for (const known of KNOWN_NAMESPACES) {
    const candidate = familyOf(known);
    if (candidate.family !== family || candidate.version === null) continue;
    const distance = Math.abs(candidate.version - version);
    if (!best || distance < best.distance) best = { known, distance };
  }
  return best?.known;
}

function isNamespaceDeclaration(attribute: XmlAttributeNode): boolean {
  return attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
}

/** One error per namespace declaration that is a near miss, each with its one-edit fix. */
export function nearMissNamespaceDiagnostics(document: XmlDocumentNode): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const element of walkElements(document.root)) {
    for (const attribute of element.attributes) {
      if (!isNamespaceDeclaration(attribute)) continue;
      const intended = intendedNamespace(attribute.value);
      if (!intended) continue;
      const span = attributeValueSpan(attribute);
      const diagnostic = createDiagnostic('lint', NEAR_MISS_NAMESPACE_CODE, 'error', NEAR_MISS_NAMESPACE_MESSAGE, { namespace: attribute.value, intended }, rangeOf(document, span));
      diagnostic.fix = {
        titleKey: 'lint.fix.replaceNamespace',
        titleParams: { intended },
        edits: [{ start: attribute.valueStart, end: attribute.valueEnd, newText: intended }],
      };
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}
