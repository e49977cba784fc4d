// Reads a CarrierProvisioningResult file: checks it against our results schema (through a
// validator passed in), then decodes what it contains even when it deviates from the schema
// (ErrorCode/errorCode, upper-case hex, 0x prefix, missing namespace, Name/name). Every deviation
// becomes a finding with a range; nothing here throws on any input.
import type { MessageKey } from '../i18n/index';
import { childElements, textContent, type XmlAttributeNode, type XmlElementNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { makeFinding } from './findings';
import { Ranges } from './ranges';
import { decodeHresult, parseErrorCode, type ErrorCodeDeviation } from './hresult';
import type {
  Finding,
  FindingCode,
  Outcome,
  Range,
  ResultNode,
  ResultSection,
  ResultsModel,
  ResultsValidator,
  ResultsVersion,
  SchemaIssue,
  SectionSummary,
} from './types';
import { diagnoseMalformed } from './wellformed';
import { NAMESPACES } from '../xml/namespaces';

export const RESULTS_NAMESPACE: Record<ResultsVersion, string> = {
  v1: NAMESPACES.resultsV1,
  v2: NAMESPACES.resultsV2,
};

export const RESULTS_ROOT = 'CarrierProvisioningResult';

/** Allowed children per parent, per version (from results-v1.xsd / results-v2.xsd). */
const STRUCTURE: Record<ResultsVersion, Record<string, readonly string[]>> = {
  v1: {
    CarrierProvisioningResult: ['Issuer', 'Subscriber', 'Activation', 'MBNProfiles', 'WLANProfiles', 'Provisioning', 'Signature'],
    MBNProfiles: ['DefaultProfile', 'PurchaseProfile'],
    WLANProfiles: ['WLANProfile'],
    Provisioning: ['RefreshParameters', 'TrustedCertificate', 'Policy'],
    RefreshParameters: ['NotificationSignatureKey'],
    Signature: ['Subject', 'Thumbprint'],
  },
  v2: {
    CarrierProvisioningResult: ['Issuer', 'Subscriber', 'Activation', 'MBNProfiles', 'WLANProfiles', 'Provisioning', 'Plans', 'CarrierNetworkMetadata', 'AdditionalPDPContexts'],
    MBNProfiles: ['DefaultProfile', 'PurchaseProfile'],
    WLANProfiles: ['WLANProfile'],
    Provisioning: ['RefreshParameters', 'TrustedCertificate'],
    Plans: ['Plan'],
    CarrierNetworkMetadata: ['NetworkSettings', 'DataClassFriendlyNames', 'CustomerSupportPhoneNumber'],
    AdditionalPDPContexts: ['MultiplePDPContextPolicies', 'TetheringSettings'],
    MultiplePDPContextPolicies: ['PDPContextPolicy'],
    TetheringSettings: ['TetheringProfile'],
  },
};

/** Elements that carry text rather than an outcome. */
const VALUE_ELEMENTS = new Set(['Issuer', 'Subscriber', 'Subject', 'Thumbprint']);

/** Elements whose errorCode is required by the schema (items, as opposed to optional section codes). */
const ITEM_ELEMENTS = new Set([
  'Activation', 'DefaultProfile', 'PurchaseProfile', 'WLANProfile', 'RefreshParameters', 'NotificationSignatureKey', 'TrustedCertificate',
  'Policy', 'Signature', 'Plan', 'CarrierNetworkMetadata', 'NetworkSettings', 'DataClassFriendlyNames', 'CustomerSupportPhoneNumber',
  'AdditionalPDPContexts', 'PDPContextPolicy', 'TetheringProfile',
]);

/** Elements identified by a name attribute, and its expected spelling per version. */
const NAMED: Record<ResultsVersion, Record<string, 'Name' | 'name'>> = {
  v1: { WLANProfile: 'Name' },
  v2: { WLANProfile: 'name', DefaultProfile: 'name', PurchaseProfile: 'name', Plan: 'name', PDPContextPolicy: 'name', TetheringProfile: 'name' },
};

const SECTIONS = new Set<ResultSection>(['Issuer', 'Subscriber', 'Activation', 'MBNProfiles', 'WLANProfiles', 'Provisioning', 'Plans', 'Signature', 'CarrierNetworkMetadata', 'AdditionalPDPContexts']);

const DEVIATION_CODES: Record<ErrorCodeDeviation, FindingCode> = {
  uppercase: 'results.finding.errorCodeUppercase',
  prefix: 'results.finding.errorCodePrefix',
  short: 'results.finding.errorCodeShort',
  decimal: 'results.finding.errorCodeDecimal',
  symbol: 'results.finding.errorCodeSymbol',
  whitespace: 'results.finding.errorCodeWhitespace',
};

export interface ReadResultsOptions {
  /** Schema check; omitted = not checked (model.schema.checked is false). */
  validator?: ResultsValidator;
}

type XmlElem = XmlElementNode;
type XmlAttr = XmlAttributeNode;

class Reader {
  readonly findings: Finding[] = [];
  constructor(
    readonly version: ResultsVersion,
    readonly ranges: Ranges,
  ) {}

  add(code: FindingCode, severity: Finding['severity'], range: Range, params: Finding['params'] = {}, suggestionKey?: MessageKey): void {
    this.findings.push(makeFinding(code, severity, range, params, suggestionKey ? { suggestionKey } : {}));
  }

  node(element: XmlElem, parentId: string, parentPath: string, index: number, section: ResultSection): ResultNode {
    const id = `${parentId}/${element.localName}[${index}]`;
    const identifying = this.identifyingName(element);
    const name = identifying?.value;
    // The path names the attribute as the file writes it (Name in v1, name in v2).
    const step = identifying ? `${element.localName}[@${identifying.attribute}='${identifying.value}']` : element.localName;
    const path = parentPath ? `${parentPath}/${step}` : step;
    const node: ResultNode = { id, element: element.localName, path, section, outcome: 'notReported', range: this.ranges.element(element), nameRange: this.ranges.elementName(element), children: [] };
    if (name !== undefined) node.name = name;
    if (VALUE_ELEMENTS.has(element.localName)) node.value = textContent(element).trim();
    this.readErrorCode(element, node);

    const allowed = STRUCTURE[this.version][element.localName];
    const counts = new Map<string, number>();
    for (const child of childElements(element)) {
      const count = (counts.get(child.localName) ?? 0) + 1;
      counts.set(child.localName, count);
      if (allowed && !allowed.includes(child.localName)) this.unexpectedChild(child, element);
      const childSection = section === 'Root' ? (SECTIONS.has(child.localName as ResultSection) ? (child.localName as ResultSection) : 'Other') : section;
      node.children.push(this.node(child, id, section === 'Root' ? '' : path, count, childSection));
    }
    return node;
  }

  private unexpectedChild(child: XmlElem, parent: XmlElem): void {
    const other: ResultsVersion = this.version === 'v1' ? 'v2' : 'v1';
    if (STRUCTURE[other][parent.localName]?.includes(child.localName)) {
      this.add('results.finding.elementOtherVersion', 'warning', this.ranges.elementName(child), { element: child.localName, version: this.version, other });
    } else {
      this.add('results.finding.unknownElement', 'info', this.ranges.elementName(child), { element: child.localName, parent: parent.localName });
    }
  }

  /** The attribute that names the element (as the file spells it) and its value. */
  private identifyingName(element: XmlElem): { attribute: string; value: string } | undefined {
    const expected = NAMED[this.version][element.localName];
    const candidates = element.attributes.filter((attribute) => attribute.namespaceUri === '' && attribute.localName.toLowerCase() === 'name');
    const exact = candidates.find((attribute) => attribute.localName === (expected ?? 'name')) ?? candidates[0];
    const found = exact ? { attribute: exact.localName, value: exact.value } : undefined;
    if (!expected) return found;
    if (!exact) {
      this.add('results.finding.nameMissing', 'warning', this.ranges.elementName(element), { element: element.localName, attribute: expected });
      return undefined;
    }
    if (exact.localName !== expected) {
      this.add('results.finding.nameSpelling', 'warning', this.ranges.attributeName(exact), { found: exact.localName, expected, version: this.version }, 'results.suggest.renameAttribute');
    }
    return found;
  }

  private readErrorCode(element: XmlElem, node: ResultNode): void {
    const candidates = element.attributes.filter((attribute) => attribute.namespaceUri === '' && attribute.localName.toLowerCase() === 'errorcode');
    const attribute: XmlAttr | undefined = candidates.find((candidate) => candidate.localName === 'errorCode') ?? candidates[0];
    for (const candidate of candidates) {
      if (candidate.localName !== 'errorCode') {
        this.add('results.finding.errorCodeSpelling', 'warning', this.ranges.attributeName(candidate), { found: candidate.localName }, 'results.suggest.renameErrorCode');
      }
    }
    if (!attribute) {
      if (ITEM_ELEMENTS.has(element.localName)) this.add('results.finding.errorCodeMissing', 'warning', this.ranges.elementName(element), { element: element.localName });
      return;
    }
    node.errorCodeRaw = attribute.value;
    node.errorCodeRange = this.ranges.attributeValue(attribute);
    const parsed = parseErrorCode(attribute.value);
    if (parsed.value === undefined || parsed.hex === undefined) {
      node.outcome = 'unreadable';
      this.add('results.finding.errorCodeUnreadable', 'error', this.ranges.attributeValue(attribute), { value: attribute.value, element: element.localName });
      return;
    }
    for (const deviation of parsed.deviations) {
      this.add(DEVIATION_CODES[deviation], 'warning', this.ranges.attributeValue(attribute), { value: attribute.value, normalized: parsed.hex }, 'results.suggest.writeHex');
    }
    node.errorCode = parsed.hex;
    node.decoded = decodeHresult(parsed.value);
    node.outcome = parsed.value === 0 ? 'applied' : 'failed';
  }

  /** `fallback` (the root's name) is used when a validator gives no range. */
  schemaIssue(issue: SchemaIssue, fallback: Range): void {
    const range = issue.range?.start && issue.range.end ? issue.range : fallback;
    const finding: Finding = issue.messageKey
      ? { code: issue.code ?? 'results.finding.schema', severity: issue.severity, messageKey: issue.messageKey, params: issue.params ?? {}, message: issue.message, range, file: 'result' }
      : makeFinding('results.finding.schema', issue.severity, range, { message: issue.message });
    this.findings.push(finding);
  }
}

function inferVersion(root: XmlElem): ResultsVersion {
  const v2Only = new Set(['Plans', 'CarrierNetworkMetadata', 'AdditionalPDPContexts']);
  const stack = childElements(root);
  while (stack.length > 0) {
    const element = stack.pop() as XmlElem;
    if (v2Only.has(element.localName)) return 'v2';
    if (['WLANProfile', 'DefaultProfile', 'PurchaseProfile'].includes(element.localName) && element.attributes.some((attribute) => attribute.localName === 'name')) return 'v2';
    stack.push(...childElements(element));
  }
  return 'v1';
}

function walk(node: ResultNode, visit: (node: ResultNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

function summarise(root: ResultNode): SectionSummary[] {
  const summaries: SectionSummary[] = [];
  for (const sectionNode of root.children) {
    if (sectionNode.section === 'Issuer' || sectionNode.section === 'Subscriber') continue;
    const summary: SectionSummary = { section: sectionNode.section, nodeId: sectionNode.id, outcome: 'notReported', applied: 0, failed: 0, failures: [] };
    walk(sectionNode, (node) => {
      if (node.outcome === 'applied') summary.applied++;
      if (node.outcome === 'failed' || node.outcome === 'unreadable') {
        summary.failed++;
        summary.failures.push(node.id);
      }
    });
    summary.outcome = summary.failed > 0 ? (summary.applied > 0 ? 'partial' : 'failed') : summary.applied > 0 ? 'applied' : 'notReported';
    summaries.push(summary);
  }
  return summaries;
}

function emptyModel(findings: Finding[]): ResultsModel {
  return { wellFormed: false, sections: [], findings, schema: { checked: false, valid: false }, failed: true, totals: { applied: 0, failed: 0, unreadable: 0 } };
}

/** Reads results text into the model. Never throws. */
export function readResults(text: string, options: ReadResultsOptions = {}): ResultsModel {
  const parsed = parseXml(text);
  if (!parsed.ok) return emptyModel([diagnoseMalformed(text, parsed.error)]);
  const root = parsed.document.root;
  const ranges = new Ranges(parsed.document);

  if (root.localName !== RESULTS_ROOT) {
    const model = emptyModel([makeFinding('results.finding.notResults', 'error', ranges.elementName(root), { root: root.localName })]);
    model.wellFormed = true;
    return model;
  }

  let version: ResultsVersion;
  const early: Finding[] = [];
  if (root.namespaceUri === RESULTS_NAMESPACE.v1) version = 'v1';
  else if (root.namespaceUri === RESULTS_NAMESPACE.v2) version = 'v2';
  else {
    version = inferVersion(root);
    const code: FindingCode = root.namespaceUri === '' ? 'results.finding.namespaceMissing' : 'results.finding.namespaceUnknown';
    early.push(makeFinding(code, 'warning', ranges.elementName(root), { namespace: root.namespaceUri, version, expected: RESULTS_NAMESPACE[version] }, { suggestionKey: 'results.suggest.addNamespace' }));
  }

  const reader = new Reader(version, ranges);
  reader.findings.push(...early);
  let schema = { checked: false, valid: false };
  if (options.validator) {
    let issues: readonly SchemaIssue[] = [];
    try {
      issues = options.validator(text);
    } catch (error) {
      issues = [{ severity: 'error', message: error instanceof Error ? error.message : String(error), range: ranges.elementName(root) }];
    }
    for (const issue of issues) reader.schemaIssue(issue, ranges.elementName(root));
    schema = { checked: true, valid: !issues.some((issue) => issue.severity === 'error') };
  }

  const tree = reader.node(root, '', '', 1, 'Root');
  const totals = { applied: 0, failed: 0, unreadable: 0 };
  walk(tree, (node) => {
    if (node.outcome === 'applied') totals.applied++;
    else if (node.outcome === 'failed') totals.failed++;
    else if (node.outcome === 'unreadable') totals.unreadable++;
  });
  return {
    wellFormed: true,
    version,
    namespace: root.namespaceUri,
    root: tree,
    sections: summarise(tree),
    findings: sortFindings(reader.findings),
    schema,
    failed: totals.failed > 0 || totals.unreadable > 0,
    totals,
  };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.file === b.file ? 0 : a.file === 'result' ? -1 : 1) || a.range.start.offset - b.range.start.offset);
}

/** Depth-first list of every node. */
export function allNodes(root: ResultNode | undefined): ResultNode[] {
  const nodes: ResultNode[] = [];
  if (root) walk(root, (node) => nodes.push(node));
  return nodes;
}

/** Finds a node by id. */
export function findNode(root: ResultNode | undefined, id: string): ResultNode | undefined {
  return allNodes(root).find((node) => node.id === id);
}

export type { Outcome };
