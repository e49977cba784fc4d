// Lint rules for what we know beyond Windows' published schemas (schemas/DECISIONS.md names the
// rule that carries each deviation). The schema verdict is exactly the published schemas' (per
// target); these rules say what Windows will do later with a file its schema check accepts, or
// explain why it refuses one.
import { KNOWN_NAMESPACES, NAMESPACES } from '../xml/namespaces';
import { TARGET_NAMES, additionUnknownTo } from '../windows/targets';
import { attributeSpan, childElements, elementNameSpan, findAttribute, positionOf, startTagSpan, textContent, textSpan, walkElements, type XmlElementNode } from '../xml/model';
import { NEAR_MISS_NAMESPACE_CODE, NEAR_MISS_NAMESPACE_MESSAGE, intendedNamespace, nearMissNamespaceDiagnostics } from './namespaces';
import { valuesAt, type LintRule } from './rules';

const { wwan: WWAN, wlanV1: WLAN, wlanV2: WLAN2, hotspot: HOTSPOT, oneX: ONEX, xmlDsig: DSIG } = NAMESPACES;

/** Attributes documented on element pages that the published schema does not declare. */
const UNDECLARED_DOCUMENTED_ATTRIBUTES: readonly { element: string; attribute: string }[] = [
  { element: 'Message', attribute: 'RuleId' },
  { element: 'UsageTimestamp', attribute: 'AmToken' },
  { element: 'UsageTimestamp', attribute: 'PmToken' },
];

/** Elements whose content model ends with a lax `##other` wildcard in the published schemas. */
const LAX_SLOT_PARENTS: readonly { namespace: string; localName: string }[] = [
  { namespace: WLAN, localName: 'SSIDConfig' },
  { namespace: WLAN, localName: 'authEncryption' },
  { namespace: WLAN, localName: 'security' },
  { namespace: WLAN, localName: 'sharedKey' },
  { namespace: WLAN, localName: 'MSM' },
  { namespace: HOTSPOT, localName: 'HotspotProfile' },
  { namespace: WWAN, localName: 'Extensions' },
];

/** Namespaces whose lax-slot elements Windows applies: ours, and the OneX (802.1X) block. */
const CHECKED_NAMESPACES = new Set<string>([
  NAMESPACES.carrierControlV1,
  NAMESPACES.carrierControlV2,
  NAMESPACES.base,
  WWAN,
  NAMESPACES.plans,
  WLAN,
  WLAN2,
  HOTSPOT,
  ONEX,
]);

function* laxSlotChildren(context: Parameters<LintRule['check']>[0]): Generator<XmlElementNode> {
  for (const parent of LAX_SLOT_PARENTS) {
    for (const element of context.elements(parent.namespace, parent.localName)) {
      for (const child of childElements(element)) if (child.namespaceUri !== parent.namespace) yield child;
    }
  }
}

const KNOWN = new Set(KNOWN_NAMESPACES);

/** Inside content a lax slot lets through (PS-L027 validates all of it against the authoring schemas). */
function insideLaxSlot(element: XmlElementNode): boolean {
  for (let current: XmlElementNode | null = element; current?.parent; current = current.parent) {
    const parent = current.parent;
    if (current.namespaceUri !== parent.namespaceUri && LAX_SLOT_PARENTS.some((slot) => slot.namespace === parent.namespaceUri && slot.localName === parent.localName)) return true;
  }
  return false;
}

export const WINDOWS_KNOWLEDGE_RULES: readonly LintRule[] = [
  {
    code: 'PS-L025',
    severity: 'error',
    title: 'Attribute documented by Microsoft but not in Windows’ schema',
    messageKeys: ['lint.documentedAttributeNotInSchema'],
    values: 'none',
    check(context) {
      for (const { element: localName, attribute: attributeName } of UNDECLARED_DOCUMENTED_ATTRIBUTES) {
        for (const element of context.elements(WWAN, localName)) {
          const attribute = findAttribute(element, attributeName);
          if (attribute) context.report(this, 'lint.documentedAttributeNotInSchema', { element: localName, attribute: attributeName }, attributeSpan(attribute));
        }
      }
    },
  },
  {
    code: 'PS-L026',
    severity: 'error',
    title: 'Signature without the signing certificate (0x82170007)',
    messageKeys: ['lint.signatureWithoutCertificate'],
    values: valuesAt({ namespaces: [DSIG], element: 'X509Certificate' }),
    check(context) {
      for (const signature of context.elements(DSIG, 'Signature')) {
        const keyInfo = childElements(signature).find((child) => child.namespaceUri === DSIG && child.localName === 'KeyInfo');
        const hasCertificate = keyInfo !== undefined && childElements(keyInfo).some((data) => data.namespaceUri === DSIG && data.localName === 'X509Data' && childElements(data).some((certificate) => certificate.localName === 'X509Certificate' && textContent(certificate).trim() !== ''));
        if (!hasCertificate) context.report(this, 'lint.signatureWithoutCertificate', { part: keyInfo ? 'KeyInfo/X509Data/X509Certificate' : 'KeyInfo' }, startTagSpan(keyInfo ?? signature));
      }
    },
  },
  {
    code: 'PS-L027',
    severity: 'error',
    title: 'Content Windows’ schema lets through a lax slot, but Windows will not apply',
    messageKeys: ['lint.laxSlotContentRejected'],
    values: (element) => insideLaxSlot(element),
    check(context) {
      // The check itself is XSD validation (libxml2), injected by the validator; without it, nothing to say.
      const checker = context.laxSlotChecker;
      if (!checker) return;
      const text = context.document.text;
      const lineAt = (offset: number) => positionOf(context.document, offset).line;
      for (const child of laxSlotChildren(context)) {
        if (!CHECKED_NAMESPACES.has(child.namespaceUri) || intendedNamespace(child.namespaceUri)) continue;
        const problem = checker(child, text, lineAt);
        if (problem) context.report(this, 'lint.laxSlotContentRejected', { detail: problem.detail }, elementNameSpan(problem.element));
      }
    },
  },
  {
    code: 'PS-L028',
    severity: 'warning',
    title: 'Element of a namespace Windows does not know, in a lax slot',
    messageKeys: ['lint.laxSlotUnknownNamespace'],
    values: 'none',
    check(context) {
      for (const child of laxSlotChildren(context)) {
        if (KNOWN.has(child.namespaceUri) || intendedNamespace(child.namespaceUri)) continue;
        context.report(this, 'lint.laxSlotUnknownNamespace', { element: child.localName, namespace: child.namespaceUri || '—' }, elementNameSpan(child));
      }
    },
  },
  {
    code: 'PS-L029',
    severity: 'error',
    title: 'More version 2 SSIDs or SSID prefixes than Windows takes',
    messageKeys: ['lint.v2SsidLimit'],
    values: 'none',
    check(context) {
      for (const config of context.elements(WLAN, 'SSIDConfig')) {
        const children = childElements(config);
        for (const [localName, limit] of [['SSID', 10000], ['SSIDPrefix', 32]] as const) {
          const entries = children.filter((child) => child.namespaceUri === WLAN2 && child.localName === localName);
          if (entries.length > limit) context.report(this, 'lint.v2SsidLimit', { element: localName, count: entries.length, limit }, elementNameSpan(entries[limit]!));
        }
      }
    },
  },
  {
    code: 'PS-L030',
    severity: 'warning',
    title: 'Version 2 SSIDPrefix before a version 2 SSID',
    messageKeys: ['lint.v2SsidOrder'],
    values: 'none',
    check(context) {
      for (const config of context.elements(WLAN, 'SSIDConfig')) {
        let prefixSeen = false;
        for (const child of childElements(config)) {
          if (child.namespaceUri !== WLAN2) continue;
          if (child.localName === 'SSIDPrefix') prefixSeen = true;
          else if (child.localName === 'SSID' && prefixSeen) {
            context.report(this, 'lint.v2SsidOrder', {}, elementNameSpan(child));
            break;
          }
        }
      }
    },
  },
  {
    code: 'PS-L031',
    severity: 'error',
    title: 'Element the target Windows version does not know',
    messageKeys: ['lint.elementNeedsNewerWindows'],
    values: 'none',
    check(context) {
      for (const element of walkElements(context.document.root)) {
        const addition = additionUnknownTo(context.target, element.namespaceUri, element.localName);
        if (addition && element.parent?.localName === addition.parentLocalName) {
          context.report(this, 'lint.elementNeedsNewerWindows', { element: element.localName, since: TARGET_NAMES[addition.since], target: TARGET_NAMES[context.target] }, elementNameSpan(element));
        }
      }
    },
  },
  {
    code: NEAR_MISS_NAMESPACE_CODE,
    severity: 'error',
    title: 'Namespace that is almost a known one',
    messageKeys: [NEAR_MISS_NAMESPACE_MESSAGE],
    values: (_element, attribute) => attribute !== undefined && (attribute.prefix === 'xmlns' || attribute.name === 'xmlns'),
    check(context) {
      context.diagnostics.push(...nearMissNamespaceDiagnostics(context.document));
    },
  },
  {
    code: 'PS-L033',
    severity: 'warning',
    title: 'More than one X509Data in KeyInfo',
    messageKeys: ['lint.severalX509Data'],
    values: 'none',
    check(context) {
      for (const keyInfo of context.elements(DSIG, 'KeyInfo')) {
        const data = childElements(keyInfo).filter((child) => child.namespaceUri === DSIG && child.localName === 'X509Data');
        if (data.length > 1) context.report(this, 'lint.severalX509Data', { count: data.length }, elementNameSpan(data[1]!));
      }
    },
  },
  {
    code: 'PS-L034',
    severity: 'error',
    title: 'Hotspot2 PLMN id that is not 5 or 6 decimal digits',
    messageKeys: ['lint.plmnIdNotDigits'],
    values: valuesAt({ namespaces: [WLAN], element: 'PLMNID' }),
    check(context) {
      for (const plmn of context.elements(WLAN, 'PLMNID')) {
        const value = textContent(plmn).trim();
        if (!/^\d{5,6}$/.test(value)) context.report(this, 'lint.plmnIdNotDigits', { value }, textSpan(plmn));
      }
    },
  },
];
