// References in character data and attribute values. A DOCTYPE is refused (doctype.ts), so the
// only entities are the five XML predefines; character references name any character the XML
// version allows. Nothing ever expands into markup (no XXE, no billion laughs).
import { isChar10, isChar11, isNCName } from './chars';

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { __proto__: null, amp: '&', gt: '>', lt: '<', quot: '"', apos: "'" } as unknown as Record<
  string,
  string
>;

/**
 * The text an entity or character reference stands for (`entity` is what stands between `&` and
 * `;`), or how saxes worded its refusal.
 */
export function resolveReference(entity: string, v11: boolean): { text: string } | { refusal: string } {
  if (entity[0] !== '#') {
    const defined = PREDEFINED_ENTITIES[entity];
    if (defined !== undefined) return { text: defined };
    return { refusal: isNCName(entity) ? 'undefined entity.' : 'disallowed character in entity name.' };
  }
  let code = NaN;
  if (entity[1] === 'x' && /^#x[0-9a-f]+$/i.test(entity)) code = parseInt(entity.slice(2), 16);
  else if (/^#[0-9]+$/.test(entity)) code = parseInt(entity.slice(1), 10);
  if (!(v11 ? isChar11(code) : isChar10(code))) return { refusal: 'malformed character entity.' };
  return { text: String.fromCodePoint(code) };
}
