// Links each results node to the element of the source provisioning file it reports on: by
// section, then by identifying name (profile or plan name, exact and case-sensitive, as Windows
// reports it), then by order among equals. "Contoso Wi-Fi" never maps to "Contoso Wi-Fi 2".
// Missing, duplicated and near-miss (case-only) names become findings.
import { childElements, textContent, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { makeFinding } from './findings';
import { Ranges } from './ranges';
import { allNodes } from './reader';
import type { Finding, FindingCode, Range, ResultNode, ResultsModel } from './types';
import { diagnoseMalformed } from './wellformed';

type XmlElem = XmlElementNode;

export interface SourceLink {
  /** Local name of the source element. */
  element: string;
  /** Whole source element. */
  range: Range;
  /** Its start-tag name. */
  nameRange: Range;
  /**
   * How the link was made: by identifying name, by name ignoring case/spaces (with a finding),
   * by element (sections and unnamed items, in order), or to the parent because the result
   * element has no counterpart in the source (Subject, Thumbprint, Policy, NotificationSignatureKey).
   */
  how: 'name' | 'nameIgnoringCase' | 'element' | 'parent';
}

export interface SourceMapping {
  /** Result node id -> source element. Nodes without a counterpart are absent. */
  links: Record<string, SourceLink>;
  findings: Finding[];
  /** The source parsed and its root is CarrierProvisioning. */
  sourceReadable: boolean;
}

export const SOURCE_ROOT = 'CarrierProvisioning';

/** Result element -> source element local name, where they differ. */
const SOURCE_ELEMENT: Record<string, string> = {
  CarrierProvisioningResult: 'CarrierProvisioning',
  Issuer: 'CarrierId',
  Subscriber: 'SubscriberId',
  TrustedCertificate: 'TrustedCertificates',
};

/** Result elements that have no element of their own in the source: linked to their parent's source. */
const NO_SOURCE = new Set(['Subject', 'Thumbprint', 'NotificationSignatureKey', 'Policy']);

function descendants(element: XmlElem, local: string): XmlElem[] {
  const found: XmlElem[] = [];
  const visit = (current: XmlElem) => {
    for (const child of childElements(current)) {
      if (child.localName === local) found.push(child);
      else visit(child);
    }
  };
  visit(element);
  return found;
}

/** Identifying name of a source element: a Name/name attribute, else a direct Name/name child's text. */
export function sourceName(element: XmlElem): string | undefined {
  const attribute = element.attributes.find((candidate) => candidate.namespaceUri === '' && (candidate.localName === 'Name' || candidate.localName === 'name'));
  if (attribute) return attribute.value;
  const child = childElements(element).find((candidate) => candidate.localName === 'name' || candidate.localName === 'Name');
  return child ? textContent(child).trim() : undefined;
}

const loose = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Maps a read results model onto the source provisioning file, given as text or as a document
 * already parsed by shared/common/xml (the editor's). Never throws.
 */
export function mapResultsToSource(model: ResultsModel, source: string | XmlDocumentNode): SourceMapping {
  const findings: Finding[] = [];
  const links: Record<string, SourceLink> = {};
  let document: XmlDocumentNode;
  if (typeof source === 'string') {
    const parsed = parseXml(source);
    if (!parsed.ok) {
      findings.push(diagnoseMalformed(source, parsed.error, 'source'));
      return { links, findings, sourceReadable: false };
    }
    document = parsed.document;
  } else {
    document = source;
  }
  const sourceRoot = document.root;
  const ranges = new Ranges(document);
  if (sourceRoot.localName !== SOURCE_ROOT) {
    findings.push(makeFinding('results.finding.sourceNotProvisioning', 'error', ranges.elementName(sourceRoot), { root: sourceRoot.localName }, { file: 'source' }));
    return { links, findings, sourceReadable: false };
  }
  if (!model.root) return { links, findings, sourceReadable: true };

  const add = (code: FindingCode, severity: Finding['severity'], node: ResultNode, params: Finding['params']) =>
    findings.push(makeFinding(code, severity, node.nameRange, params));
  const link = (node: ResultNode, element: XmlElem, how: SourceLink['how']) => {
    links[node.id] = { element: element.localName, range: ranges.element(element), nameRange: ranges.elementName(element), how };
  };
  // Below a result whose source element is missing, only the first missing level is reported.
  const visitChildren = (parent: ResultNode, scope: XmlElem, quiet = false) => {
    // Occurrence counters per (element, name) among this parent's children.
    const seen = new Map<string, number>();
    for (const node of parent.children) {
      const key = `${node.element}\u0000${node.name ?? ''}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const target = mapOne(node, scope, occurrence, quiet);
      if (target) visitChildren(node, target);
      else visitChildren(node, scope, true);
    }
  };

  const mapOne = (node: ResultNode, scope: XmlElem, occurrence: number, quiet: boolean): XmlElem | undefined => {
    if (NO_SOURCE.has(node.element)) {
      if (scope !== sourceRoot) link(node, scope, 'parent');
      return undefined;
    }
    const local = SOURCE_ELEMENT[node.element] ?? node.element;
    const candidates = descendants(scope, local);
    if (node.name === undefined) {
      const target = candidates[occurrence];
      if (target) link(node, target, 'element');
      else if (!quiet) add('results.finding.mapMissing', 'warning', node, { element: node.element });
      if (target && (node.element === 'Issuer' || node.element === 'Subscriber') && node.value !== undefined && textContent(target).trim() !== node.value) {
        add('results.finding.mapValueMismatch', 'warning', node, { element: node.element, result: node.value, source: textContent(target).trim() });
      }
      return target;
    }
    const exact = candidates.filter((candidate) => sourceName(candidate) === node.name);
    if (exact.length > 1 && occurrence === 0) {
      add('results.finding.mapDuplicateInSource', 'warning', node, { element: node.element, name: node.name, count: exact.length });
    }
    if (exact.length > 0) {
      if (occurrence >= exact.length) add('results.finding.mapDuplicateInResults', 'info', node, { element: node.element, name: node.name });
      const target = exact[Math.min(occurrence, exact.length - 1)] as XmlElem;
      link(node, target, 'name');
      return target;
    }
    const near = candidates.filter((candidate) => {
      const name = sourceName(candidate);
      return name !== undefined && loose(name) === loose(node.name as string);
    });
    if (near.length === 1) {
      const target = near[0] as XmlElem;
      add('results.finding.mapNameCase', 'warning', node, { element: node.element, name: node.name, sourceName: sourceName(target) ?? '' });
      link(node, target, 'nameIgnoringCase');
      return target;
    }
    if (!quiet) add('results.finding.mapMissingNamed', 'warning', node, { element: node.element, name: node.name });
    return undefined;
  };

  link(model.root, sourceRoot, 'element');
  visitChildren(model.root, sourceRoot);
  return { links, findings, sourceReadable: true };
}

/** Nodes of the model with their link, in document order (for reports and the inspector). */
export function linkedNodes(model: ResultsModel, mapping: SourceMapping | undefined): { node: ResultNode; link?: SourceLink }[] {
  return allNodes(model.root).map((node) => {
    const link = mapping?.links[node.id];
    return link ? { node, link } : { node };
  });
}
