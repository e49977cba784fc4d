// What an operator submits for COSA (the Country and Operator Settings Asset, Windows 10 1703 and
// later) and, for older PCs, the APN database: the settings of Microsoft's "Desktop COSA/APN
// database settings" table, as one JSON document (a COSA.json file) the CLI and the app share.
//
// The JSON is read with every value's place kept (jsonc-parser's tree), so each finding can say
// where it is: a path like `apns[1].authProtocol` and a line and column in the file.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { MessageKey, MessageParams } from '../../i18n/index';
import type { Severity } from '../identifiers';

export const UPDATE_TYPES = ['Add', 'Change', 'Keep', 'Delete'] as const;
export const AUTH_PROTOCOLS = ['NONE', 'PAP', 'CHAP', 'MsCHAPv2'] as const;
export const COMPRESSIONS = ['ENABLE', 'DISABLE'] as const;
export const IP_TYPES = ['IPv4', 'IPv6', 'IPv4v6'] as const;

/** Connection purposes and their GUIDs (CM_CellularEntries PurposeGroups). */
export const PURPOSES = {
  Internet: '3E5545D2-1137-4DC8-A198-33F1C657515F',
  'LTE attach': '11A6FE68-5B47-4859-9CB6-1EAC96A8F0BD',
  MMS: '53E2C5D3-D13C-4068-AA38-9C48FF2E55A8',
  IMS: '474D66ED-0E4B-476B-A455-19BB1239ED13',
  SUPL: '6D42669F-52A9-408E-9493-1071DCC437BD',
  Purchase: '95522B2B-A6D1-4E40-960B-05E6D3F962AB',
  Administrative: '2FFD9261-C23C-4D27-8DCF-CDE4E14A3364',
  Application: '52D7654A-00A8-4140-806C-087D66705306',
  'eSIM provisioning': 'A36E171F-2377-4965-88FE-1F53EB4B47C0',
} as const;
export type Purpose = keyof typeof PURPOSES;

export interface NumberRange {
  start: string;
  end: string;
}

/** One targeting row: an MCC+MNC, optionally narrowed to an IMSI range or an ICCID range. */
export interface CosaTarget {
  mcc?: string;
  mnc?: string;
  imsiRange?: NumberRange;
  iccidRange?: NumberRange;
}

export interface CosaApn {
  accessString: string;
  friendlyName?: string;
  userName?: string;
  password?: string;
  authProtocol?: (typeof AUTH_PROTOCOLS)[number];
  compression?: (typeof COMPRESSIONS)[number];
  ipType?: (typeof IP_TYPES)[number];
  purposes?: Purpose[];
  alwaysOn?: boolean;
  /** 0 home only, 1 all (default), 2 home and domestic, 3 domestic only, 4 non-domestic only, 5 roaming only. */
  roaming?: number;
  autoConnectOrder?: number;
}

export interface CosaBranding {
  name?: string;
  /** Path of the .ico file, relative to the COSA.json file. */
  icon?: string;
  /** 0 home network only (default), 1 and domestic roaming, 2 and international roaming. */
  useOnRoaming?: number;
}

/** The certificate trusted to sign provisioning files from the purchase web site (APN database). */
export interface TrustedSigner {
  subjectName?: string;
  issuerName?: string;
  carrierGuid?: string;
}

export interface CosaEntry {
  operator: string;
  /** ISO 3166-1 alpha-2 code of the country or region. */
  country: string;
  updateType: (typeof UPDATE_TYPES)[number];
  targets: CosaTarget[];
  spn?: string;
  pnn?: string;
  gid1?: string;
  uiName?: string;
  uiOrder?: number;
  accountExperienceUrl?: string;
  appId?: string;
  branding?: CosaBranding;
  supportDataMarketplace?: boolean;
  apns: CosaApn[];
  trustedSigner?: TrustedSigner;
}

export interface CosaFinding {
  /** Where: `targets[0].iccidRange.end`, `apns[1]`, or '' for the whole entry. */
  path: string;
  severity: Severity;
  code: string;
  key: MessageKey;
  params: MessageParams;
  /** 1-based line and column in the source file, when the entry was read from one. */
  line?: number;
  column?: number;
}

export type PathSegment = string | number;

export function pathToString(path: readonly PathSegment[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

// ---- Reading COSA.json ------------------------------------------------------------------------

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';

interface FieldSpec {
  kind: Kind;
  /** For arrays: the kind of each item. */
  items?: Kind;
}

const ENTRY_FIELDS: Record<keyof CosaEntry, FieldSpec> = {
  operator: { kind: 'string' },
  country: { kind: 'string' },
  updateType: { kind: 'string' },
  targets: { kind: 'array', items: 'object' },
  spn: { kind: 'string' },
  pnn: { kind: 'string' },
  gid1: { kind: 'string' },
  uiName: { kind: 'string' },
  uiOrder: { kind: 'number' },
  accountExperienceUrl: { kind: 'string' },
  appId: { kind: 'string' },
  branding: { kind: 'object' },
  supportDataMarketplace: { kind: 'boolean' },
  apns: { kind: 'array', items: 'object' },
  trustedSigner: { kind: 'object' },
};
const TARGET_FIELDS: Record<keyof CosaTarget, FieldSpec> = { mcc: { kind: 'string' }, mnc: { kind: 'string' }, imsiRange: { kind: 'object' }, iccidRange: { kind: 'object' } };
const RANGE_FIELDS: Record<keyof NumberRange, FieldSpec> = { start: { kind: 'string' }, end: { kind: 'string' } };
const APN_FIELDS: Record<keyof CosaApn, FieldSpec> = {
  accessString: { kind: 'string' },
  friendlyName: { kind: 'string' },
  userName: { kind: 'string' },
  password: { kind: 'string' },
  authProtocol: { kind: 'string' },
  compression: { kind: 'string' },
  ipType: { kind: 'string' },
  purposes: { kind: 'array', items: 'string' },
  alwaysOn: { kind: 'boolean' },
  roaming: { kind: 'number' },
  autoConnectOrder: { kind: 'number' },
};
const BRANDING_FIELDS: Record<keyof CosaBranding, FieldSpec> = { name: { kind: 'string' }, icon: { kind: 'string' }, useOnRoaming: { kind: 'number' } };
const SIGNER_FIELDS: Record<keyof TrustedSigner, FieldSpec> = { subjectName: { kind: 'string' }, issuerName: { kind: 'string' }, carrierGuid: { kind: 'string' } };

export interface CosaReadResult {
  /** The entry, with what could be read; null when the text is not a JSON object. */
  entry: CosaEntry | null;
  findings: CosaFinding[];
  /** Where each path is in the text (offset), for findings made later by the rules. */
  locate(path: string): { line: number; column: number } | undefined;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function kindOf(node: JsonNode): Kind | 'null' {
  return node.type === 'null' ? 'null' : (node.type as Kind);
}

/** Reads a COSA.json text. Type errors and unknown keys become findings; nothing throws. */
export function readCosaJson(text: string): CosaReadResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const findings: CosaFinding[] = [];
  const offsets = new Map<string, number>();
  /** The place of a path, or of its nearest ancestor written in the file (a missing setting is reported where its object is). */
  const locate = (path: string) => {
    for (let candidate = path; ; candidate = candidate.replace(/(\.[^.[]+|\[\d+\])$/, '')) {
      const offset = offsets.get(candidate);
      if (offset !== undefined) return lineColumn(text, offset);
      if (candidate === '') return undefined;
    }
  };
  for (const error of errors) {
    findings.push({ path: '', severity: 'error', code: 'cosa-json-syntax', key: 'cosa.json.syntax', params: { problem: printParseErrorCode(error.error) }, ...lineColumn(text, error.offset) });
  }
  if (!root || root.type !== 'object') {
    if (errors.length === 0) findings.push({ path: '', severity: 'error', code: 'cosa-json-not-object', key: 'cosa.json.notObject', params: {}, line: 1, column: 1 });
    return { entry: null, findings, locate };
  }

  const readObject = <T>(node: JsonNode, path: PathSegment[], fields: Record<string, FieldSpec>): Partial<T> => {
    const result: Record<string, unknown> = {};
    offsets.set(pathToString(path), node.offset);
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      const childPath = [...path, key];
      const where = pathToString(childPath);
      offsets.set(where, valueNode.offset);
      const spec = fields[key];
      if (!spec) {
        findings.push({ path: where, severity: 'warning', code: 'cosa-unknown-key', key: 'cosa.json.unknownKey', params: { key }, ...lineColumn(text, keyNode.offset) });
        continue;
      }
      if (kindOf(valueNode) !== spec.kind) {
        findings.push({ path: where, severity: 'error', code: 'cosa-type', key: 'cosa.json.type', params: { expected: spec.kind, found: kindOf(valueNode) }, ...lineColumn(text, valueNode.offset) });
        continue;
      }
      if (spec.kind === 'array') {
        const items: unknown[] = [];
        (valueNode.children ?? []).forEach((item, index) => {
          const itemPath = [...childPath, index];
          offsets.set(pathToString(itemPath), item.offset);
          if (kindOf(item) !== spec.items) {
            findings.push({ path: pathToString(itemPath), severity: 'error', code: 'cosa-type', key: 'cosa.json.type', params: { expected: spec.items ?? '', found: kindOf(item) }, ...lineColumn(text, item.offset) });
            return;
          }
          items.push(item.type === 'object' ? readNested(key, item, itemPath) : item.value);
        });
        result[key] = items;
      } else if (spec.kind === 'object') {
        result[key] = readNested(key, valueNode, childPath);
      } else {
        result[key] = valueNode.value;
      }
    }
    return result as Partial<T>;
  };
  const readNested = (key: string, node: JsonNode, path: PathSegment[]): unknown => {
    switch (key) {
      case 'targets':
        return readObject<CosaTarget>(node, path, TARGET_FIELDS);
      case 'imsiRange':
      case 'iccidRange':
        return readObject<NumberRange>(node, path, RANGE_FIELDS);
      case 'apns':
        return readObject<CosaApn>(node, path, APN_FIELDS);
      case 'branding':
        return readObject<CosaBranding>(node, path, BRANDING_FIELDS);
      case 'trustedSigner':
        return readObject<TrustedSigner>(node, path, SIGNER_FIELDS);
      default:
        return readObject<Record<string, unknown>>(node, path, {});
    }
  };
  const entry = readObject<CosaEntry>(root, [], ENTRY_FIELDS) as CosaEntry;
  entry.targets ??= [];
  entry.apns ??= [];
  return { entry, findings, locate };
}

/** COSA.json text for an entry: stable key order, two-space indentation, no empty values. */
export function writeCosaJson(entry: CosaEntry): string {
  return JSON.stringify(normaliseEntry(entry), null, 2) + '\n';
}

/** The entry without undefined or empty-string values, in a stable key order (for comparisons and output). */
export function normaliseEntry(entry: CosaEntry): CosaEntry {
  const clean = <T extends object>(value: T, keys: readonly (keyof T)[]): T => {
    const result: Partial<T> = {};
    for (const key of keys) {
      const item = value[key];
      if (item === undefined || item === '' || (Array.isArray(item) && item.length === 0 && key !== 'targets' && key !== 'apns')) continue;
      result[key] = item;
    }
    return result as T;
  };
  const range = (value: NumberRange | undefined) => (value ? clean(value, ['start', 'end']) : undefined);
  return clean(
    {
      ...entry,
      targets: entry.targets.map((target) => clean({ ...target, imsiRange: range(target.imsiRange), iccidRange: range(target.iccidRange) }, ['mcc', 'mnc', 'imsiRange', 'iccidRange'])),
      apns: entry.apns.map((apn) =>
        clean(apn, ['accessString', 'friendlyName', 'userName', 'password', 'authProtocol', 'compression', 'ipType', 'purposes', 'alwaysOn', 'roaming', 'autoConnectOrder']),
      ),
      branding: entry.branding ? clean(entry.branding, ['name', 'icon', 'useOnRoaming']) : undefined,
      trustedSigner: entry.trustedSigner ? clean(entry.trustedSigner, ['subjectName', 'issuerName', 'carrierGuid']) : undefined,
    },
    ['operator', 'country', 'updateType', 'targets', 'spn', 'pnn', 'gid1', 'uiName', 'uiOrder', 'accountExperienceUrl', 'appId', 'branding', 'supportDataMarketplace', 'apns', 'trustedSigner'],
  );
}
