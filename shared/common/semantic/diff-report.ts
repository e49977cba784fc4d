// A semantic diff in words, in the reader's language, each entry with its line in both files.
import type { Language, MessageKey } from '../i18n/index';
import { translate } from '../i18n/index';
import type { Range } from '../xml/positions';
import type { DiffEntry, SemanticDiff } from './diff';
import { translateCounted } from './format';
import { rangeOf } from './positions';

export interface RenderedDiffEntry extends DiffEntry {
  text: string;
  oldRange?: Range;
  newRange?: Range;
}

export interface RenderedDiff {
  verdict: SemanticDiff['verdict'];
  verdictText: string;
  removesProfiles: boolean;
  entries: RenderedDiffEntry[];
}

function entryKey(entry: DiffEntry): string {
  if (entry.entity === 'signature') return entry.kind === 'added' ? 'semantic.diff.signatureAdded' : entry.kind === 'removed' ? 'semantic.diff.signatureRemoved' : 'semantic.diff.signatureChanged';
  if (entry.kind === 'changed') return entry.before === undefined ? 'semantic.diff.fieldAdded' : entry.after === undefined ? 'semantic.diff.fieldRemoved' : 'semantic.diff.changed';
  if (entry.kind === 'removed' && entry.removesFromPcs) return 'semantic.diff.removedFromPcs';
  return `semantic.diff.${entry.kind}`;
}

export function renderDiffEntry(language: Language, entry: DiffEntry): string {
  const name = entry.name ? translate(language, 'semantic.diff.quoted', { name: entry.name }) : '';
  return translate(language, entryKey(entry) as MessageKey, {
    entity: translate(language, `semantic.entity.${entry.entity}` as MessageKey),
    name,
    field: entry.field ?? '',
    before: entry.before ?? '',
    after: entry.after ?? '',
  });
}

export function renderDiff(language: Language, diff: SemanticDiff, oldText: string, newText: string): RenderedDiff {
  const verdictText =
    diff.verdict === 'changes' ? translateCounted(language, 'semantic.diff.verdict.changes', diff.entries.filter((entry) => entry.kind !== 'reordered').length) : translate(language, `semantic.diff.verdict.${diff.verdict}` as MessageKey);
  return {
    verdict: diff.verdict,
    verdictText,
    removesProfiles: diff.removesProfiles,
    entries: diff.entries.map((entry) => {
      const rendered: RenderedDiffEntry = { ...entry, text: renderDiffEntry(language, entry) };
      if (entry.oldSpan) rendered.oldRange = rangeOf(oldText, entry.oldSpan);
      if (entry.newSpan) rendered.newRange = rangeOf(newText, entry.newSpan);
      return rendered;
    }),
  };
}

function where(entry: RenderedDiffEntry): string {
  const old = entry.oldRange ? String(entry.oldRange.start.line) : '-';
  const now = entry.newRange ? String(entry.newRange.start.line) : '-';
  return `${old}→${now}`;
}

export function diffText(rendered: RenderedDiff, removesText: string): string {
  const lines = [rendered.verdictText];
  if (rendered.removesProfiles) lines.push(removesText);
  for (const entry of rendered.entries) lines.push(`  ${entry.removesFromPcs ? '!' : ' '} ${where(entry).padEnd(9)} ${entry.text}`);
  return lines.join('\n') + '\n';
}

export function diffMarkdown(rendered: RenderedDiff, heading: string, removesText: string): string {
  const escape = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
  const lines = [`## ${escape(heading)}`, '', escape(rendered.verdictText)];
  if (rendered.removesProfiles) lines.push('', `**${escape(removesText)}**`);
  if (rendered.entries.length) lines.push('');
  for (const entry of rendered.entries) lines.push(`- ${entry.removesFromPcs ? '⚠️ ' : ''}${escape(entry.text)} (${where(entry)})`);
  return lines.join('\n') + '\n';
}
