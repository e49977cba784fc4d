// Predicted versus returned: every difference between two results files (usually a dry run's
// predicted file and what Windows returned), matched by readable path (section, element and name).
import type { Range, ResultNode, ResultsModel } from './types';
import { allNodes } from './reader';

export type DifferenceKind = 'missing' | 'unexpected' | 'errorCode' | 'value';

export interface ResultsDifference {
  kind: DifferenceKind;
  /** Readable path, e.g. "WLANProfiles/WLANProfile[@name='Contoso Wi-Fi']" ("" for the root). */
  path: string;
  expected?: string;
  actual?: string;
  /** Where in the returned file (absent for a missing node). */
  actualRange?: Range;
  /** Where in the expected file (absent for an unexpected node). */
  expectedRange?: Range;
}

/** Nodes by path; a repeated path gets "#2", "#3" so each occurrence is compared with its twin. */
function byPath(model: ResultsModel): Map<string, ResultNode> {
  const nodes = new Map<string, ResultNode>();
  for (const node of allNodes(model.root)) {
    const base = node.path;
    let key = base;
    for (let occurrence = 2; nodes.has(key); occurrence++) key = `${base}#${occurrence}`;
    nodes.set(key, node);
  }
  return nodes;
}

function outcomeOf(node: ResultNode): string | undefined {
  return node.errorCode ?? node.errorCodeRaw;
}

export function compareResults(actual: ResultsModel, expected: ResultsModel): ResultsDifference[] {
  const differences: ResultsDifference[] = [];
  const actualNodes = byPath(actual);
  const expectedNodes = byPath(expected);
  for (const [path, want] of expectedNodes) {
    const got = actualNodes.get(path);
    if (!got) {
      differences.push({ kind: 'missing', path, expected: outcomeOf(want) ?? want.value ?? '', expectedRange: want.range });
      continue;
    }
    if (outcomeOf(want) !== outcomeOf(got)) {
      differences.push({ kind: 'errorCode', path, expected: outcomeOf(want) ?? '', actual: outcomeOf(got) ?? '', expectedRange: want.range, actualRange: got.range });
    }
    if (want.value !== undefined && want.value !== got.value) {
      differences.push({ kind: 'value', path, expected: want.value, actual: got.value ?? '', expectedRange: want.range, actualRange: got.range });
    }
  }
  for (const [path, got] of actualNodes) {
    if (!expectedNodes.has(path)) differences.push({ kind: 'unexpected', path, actual: outcomeOf(got) ?? got.value ?? '', actualRange: got.range });
  }
  return differences;
}
