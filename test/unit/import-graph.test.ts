// The whole import graph of the product (shared/, cli/, electron/, renderer/): no loop, and no
// arrow that runs back up, neither between layers nor between shared/common's modules (the same
// order the lint rule in tools/eslint/layers.mjs enforces one import at a time; here over every
// file at once, type-only and dynamic imports included).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commonOrderViolation, layerAllows } from '../../tools/eslint/layers.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const LAYER_FOLDERS = ['shared', 'cli', 'electron', 'renderer'];

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...sourceFiles(full));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !/\.config\.[cm]?ts$/.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base.replace(/\.js$/, '.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|tsx|mts)$/.test(candidate)) ?? null;
}

/** file -> the files it imports (relative paths from the repository root). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const imported of info.importedFiles) {
      const target = resolveImport(file, imported.fileName);
      if (target) targets.add(path.relative(ROOT, target));
    }
    graph.set(path.relative(ROOT, file), [...targets].sort());
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): every loop. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    lowLink.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Every import that runs back up: across layers, or against shared/common's module order. */
export function upwardArrows(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const arrows: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (!layerAllows(from, to) || commonOrderViolation(from, to)) arrows.push(`${from} -> ${to}`);
    }
  }
  return arrows;
}

describe('the import graph', () => {
  const graph = importGraph(LAYER_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))));

  it('covers the product', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('shared/common/validation/validator.ts')).toContain('shared/common/lint/index.ts');
  });

  it('has no loop', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('has no arrow that runs back up', () => {
    expect(upwardArrows(graph)).toEqual([]);
  });

  it('the checks find a loop and an upward arrow when there is one', () => {
    const planted = new Map<string, string[]>([
      ['shared/common/schema/validator.ts', ['shared/common/lint/index.ts']],
      ['shared/common/lint/index.ts', ['shared/common/schema/roots.ts']],
      ['shared/common/schema/roots.ts', ['shared/common/schema/validator.ts']],
      ['shared/node/host.ts', ['renderer/src/App.tsx']],
      ['renderer/src/App.tsx', []],
    ]);
    expect(cyclesOf(planted)).toEqual([['shared/common/lint/index.ts', 'shared/common/schema/roots.ts', 'shared/common/schema/validator.ts']]);
    expect(upwardArrows(planted)).toEqual([
      'shared/common/schema/validator.ts -> shared/common/lint/index.ts',
      'shared/common/lint/index.ts -> shared/common/schema/roots.ts',
      'shared/node/host.ts -> renderer/src/App.tsx',
    ]);
  });
});
