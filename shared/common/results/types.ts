// Shared shapes of the results reader: findings and the decoded model. Positions and ranges are
// those of shared/common/xml (UTF-16 offsets, 1-based line and column, half-open ranges).
import type { MessageKey, MessageParams } from '../i18n/index';
import type { Position, Range } from '../xml/positions';

export type { Position, Range };

export type Severity = 'error' | 'warning' | 'info';

/**
 * One problem or remark about a results file (or about mapping it to its source). Same fields as
 * shared/common/xml's Diagnostic (code, severity, messageKey, params, message, range) plus the
 * file it points into and an optional suggested fix.
 */
export interface Finding {
  /** Stable identifier: "results.finding.*" for ours, the XML/XSD code (XML_*, XSD_*) for parser and schema findings. */
  code: string;
  severity: Severity;
  /** Translated message; `message` is its English text. */
  messageKey: MessageKey;
  params: MessageParams;
  message: string;
  range: Range;
  /** Key of a suggested fix (translated with the same params), when there is an obvious one. */
  suggestionKey?: MessageKey;
  /** Which file the range refers to: the results file or the source provisioning file. */
  file: 'result' | 'source';
}

export type FindingCode = Extract<MessageKey, `results.finding.${string}`>;

export type ResultsVersion = 'v1' | 'v2';

export type Outcome = 'applied' | 'failed' | 'notReported' | 'unreadable';

export type HresultKind = 'success' | 'provcore' | 'win32' | 'com' | 'mbn' | 'wlan' | 'crypto' | 'unknown';

/** Language-neutral facts about one HRESULT. Texts come from describeHresult(). */
export interface DecodedHresult {
  /** Eight lower-case hex digits. */
  hex: string;
  /** Unsigned 32-bit value. */
  value: number;
  /** Symbolic name when we know it (E_ACCESSDENIED, PROVCORE_E_XML_INVALID, ERROR_SERVICE_NOT_ACTIVE, ...). */
  symbol?: string;
  /** Also known as (same numeric value, different header): e.g. ERROR_ACCESS_DENIED for E_ACCESSDENIED. */
  alias?: string;
  kind: HresultKind;
  known: boolean;
  /** Bit 31: 1 = failure. */
  failure: boolean;
  /** Bit 29: customer-defined code. */
  customer: boolean;
  facility: number;
  facilityName?: string;
  /** Low 16 bits. */
  code: number;
  /** For HRESULT_FROM_WIN32 codes (facility 7): the Win32 error number. */
  win32?: number;
}

export type ResultSection =
  | 'Root'
  | 'Issuer'
  | 'Subscriber'
  | 'Activation'
  | 'MBNProfiles'
  | 'WLANProfiles'
  | 'Provisioning'
  | 'Plans'
  | 'Signature'
  | 'CarrierNetworkMetadata'
  | 'AdditionalPDPContexts'
  | 'Other';

/** One element of the results tree. */
export interface ResultNode {
  /** Unique within the document, e.g. "/CarrierProvisioningResult/WLANProfiles/WLANProfile[2]". */
  id: string;
  /** Local element name as written. */
  element: string;
  /** Readable path with identifying names, the name attribute written as the file writes it, e.g. "WLANProfiles/WLANProfile[@Name='Contoso Wi-Fi']" (v1). */
  path: string;
  /** Top-level section this node belongs to. */
  section: ResultSection;
  /** Identifying name (profile, plan, policy name) when the element carries one. */
  name?: string;
  /** Text content for value elements (Issuer, Subscriber, Subject, Thumbprint). */
  value?: string;
  /** errorCode as written (attribute value, untrimmed). */
  errorCodeRaw?: string;
  /** errorCode normalised to eight lower-case hex digits, when it could be read. */
  errorCode?: string;
  decoded?: DecodedHresult;
  outcome: Outcome;
  range: Range;
  /** Range of the start tag's element name. */
  nameRange: Range;
  /** Range of the errorCode attribute value (without quotes). */
  errorCodeRange?: Range;
  children: ResultNode[];
}

export interface SectionSummary {
  section: ResultSection;
  /** The top-level node of the section. */
  nodeId: string;
  outcome: 'applied' | 'failed' | 'partial' | 'notReported';
  /** Nodes in this section (including the section node) that report success / failure. */
  applied: number;
  failed: number;
  /** Failing node ids, in document order. */
  failures: string[];
}

export interface ResultsModel {
  /** False when the text is not well-formed XML (or not a results file at all): no tree then. */
  wellFormed: boolean;
  /** v1/v2 from the namespace, or inferred when the namespace is missing or unknown. */
  version?: ResultsVersion;
  namespace?: string;
  root?: ResultNode;
  sections: SectionSummary[];
  findings: Finding[];
  /** Whether the schema validator ran (and, if so, reported nothing). */
  schema: { checked: boolean; valid: boolean };
  /** Anything failed: malformed file, unreadable root, or any non-zero errorCode. */
  failed: boolean;
  /** Counts over every node that reports an errorCode. */
  totals: { applied: number; failed: number; unreadable: number };
}

/**
 * One schema problem, as shared/common/schema's Diagnostic gives it (any object with these
 * fields fits). Without a messageKey the English `message` is shown through results.finding.schema.
 */
export interface SchemaIssue {
  code?: string;
  severity: Severity;
  messageKey?: MessageKey;
  params?: MessageParams;
  message: string;
  range: Range;
}

/**
 * Checks results text against our results schemas and returns the schema problems only (not
 * well-formedness: the reader parses first). Pure callers pass it in; see docs/results.md for
 * the adapter over ProvisioningValidator.
 */
export type ResultsValidator = (text: string) => readonly SchemaIssue[];
