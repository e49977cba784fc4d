// Predicted versus returned: every difference between two results files (usually a dry run's
// predicted file and what Windows returned), matched by readable path (section, element and name).
import type { Range, ResultNode, ResultsModel } from './types';
import { allNodes } from './reader';

export type DifferenceKind = 'missing' | 'unexpected' | 'errorCode' | 'value';

export interface ResultsDifference {
  kind: DifferenceKind;
  /** Readable path as the returned file writes it (the expected file's for a missing node), e.g. "WLANProfiles/WLANProfile[@Name='Contoso Wi-Fi']" ("" for the root). */
  path: string;
  expected?: string;
  actual?: string;
  /** Where in the returned file (absent for a missing node). */
  actualRange?: Range;
  /** Where in the expected file (absent for an unexpected node). */
  expectedRange?: Range;
}

/**
 * The same element with the same name, however each file spells its name attribute: paths are
 * written as the file writes them ([@Name='…'] in v1, [@name='…'] in v2, a misspelling as is).
 */
function matchKey(path: string): string {
  return path.replace(/\[@[^=\]]+='/g, "[@name='");
}

/** Nodes by path; a repeated path gets "#2", "#3" so each occurrence is compared with its twin. */
function byPath(model: ResultsModel): Map<string, ResultNode> {
  const nodes = new Map<string, ResultNode>();
  for (const node of allNodes(model.root)) {
    const base = matchKey(node.path);
    let key = base;
    for (let occurrence = 2; nodes.has(key); occurrence++) key = `${base}#${occurrence}`;
    nodes.set(key, node);
  }
  return nodes;
}

/** The key as the node's own file writes its path (with the key's "#2" of a repeated path, if any). */
function written(key: string, node: ResultNode): string {
  return node.path + key.slice(matchKey(node.path).length);
}

function outcomeOf(node: ResultNode): string | undefined {
  return node.errorCode ?? node.errorCodeRaw;
}

export function compareResults(actual: ResultsModel, expected: ResultsModel): ResultsDifference[] {
  const differences: ResultsDifference[] = [];
  const actualNodes = byPath(actual);
  const expectedNodes = byPath(expected);
  for (const [key, want] of expectedNodes) {
    const got = actualNodes.get(key);
    if (!got) {
      differences.push({ kind: 'missing', path: written(key, want), expected: outcomeOf(want) ?? want.value ?? '', expectedRange: want.range });
      continue;
    }
    if (outcomeOf(want) !== outcomeOf(got)) {
      differences.push({ kind: 'errorCode', path: written(key, got), expected: outcomeOf(want) ?? '', actual: outcomeOf(got) ?? '', expectedRange: want.range, actualRange: got.range });
    }
    if (want.value !== undefined && want.value !== got.value) {
      differences.push({ kind: 'value', path: written(key, got), expected: want.value, actual: got.value ?? '', expectedRange: want.range, actualRange: got.range });
    }
  }
  for (const [key, got] of actualNodes) {
    if (!expectedNodes.has(key)) differences.push({ kind: 'unexpected', path: written(key, got), actual: outcomeOf(got) ?? got.value ?? '', actualRange: got.range });
  }
  return differences;
}
