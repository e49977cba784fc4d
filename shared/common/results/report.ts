// Reports for people (text, Markdown, HTML) and scripts (JSON). Pure formatting: file names,
// hashes, the date, the signer and the translator of the report's language are passed in; the
// CLI computes them (and loads only that language's catalogue).
import type { Language, MessageKey, MessageParams } from '../i18n/core';
import { describeHresult, type HresultDescription } from './hresult';
import { linkedNodes, type SourceLink, type SourceMapping } from './mapping';
import { allNodes, sortFindings } from './reader';
import type { Finding, Range, ResultNode, ResultsModel } from './types';

export interface ReportFile {
  /** Name as the user gave it (shown as-is, escaped). */
  name: string;
  sha256?: string;
}

export interface ReportInput {
  model: ResultsModel;
  mapping?: SourceMapping;
  result: ReportFile;
  source?: ReportFile & {
    /** Signer subject when the source is signed; null when it is not signed; absent when unknown. */
    signer?: string | null;
  };
  /** ISO 8601 date-time of the report. */
  date: string;
  language: Language;
  /** Translates into `language` (the caller's catalogue for it). */
  translate(key: MessageKey, params?: MessageParams): string;
}

export interface FailureRow {
  nodeId: string;
  path: string;
  element: string;
  name?: string;
  errorCode: string;
  hresult: HresultDescription;
  /** "results.xml:6:5" */
  resultLocation: string;
  /** "source.xml:12:5", absent when not mapped. */
  sourceLocation?: string;
}

export interface FindingRow {
  code: string;
  severity: Finding['severity'];
  location: string;
  message: string;
  suggestion?: string;
}

function tr(input: ReportInput) {
  return (key: MessageKey, params?: MessageParams) => input.translate(key, params);
}

function location(file: string, range: Range): string {
  return `${file}:${range.start.line}:${range.start.column}`;
}

/** Failing nodes (non-zero or unreadable errorCode), in document order, with texts in the report's language. */
export function failureRows(input: ReportInput): FailureRow[] {
  const rows: FailureRow[] = [];
  for (const { node, link } of linkedNodes(input.model, input.mapping)) {
    if (node.outcome !== 'failed' && node.outcome !== 'unreadable') continue;
    const hresult: HresultDescription = node.decoded
      ? describeHresult(node.decoded, input.language)
      : { display: node.errorCodeRaw ?? '', name: '?', meaning: tr(input)('results.outcome.unreadable'), advice: '' };
    const row: FailureRow = {
      nodeId: node.id,
      path: node.path,
      element: node.element,
      errorCode: node.errorCode ?? node.errorCodeRaw ?? '',
      hresult,
      resultLocation: location(input.result.name, node.range),
    };
    if (node.name !== undefined) row.name = node.name;
    if (link && input.source) row.sourceLocation = location(input.source.name, link.range);
    rows.push(row);
  }
  return rows;
}

/** Findings of the model and the mapping, translated, with file:line:col. */
export function findingRows(input: ReportInput): FindingRow[] {
  const t = tr(input);
  const all = sortFindings([...input.model.findings, ...(input.mapping?.findings ?? [])]);
  return all.map((finding) => {
    const file = finding.file === 'source' ? (input.source?.name ?? '') : input.result.name;
    const message = t(finding.messageKey, finding.params);
    const row: FindingRow = { code: finding.code, severity: finding.severity, location: location(file, finding.range), message };
    if (finding.suggestionKey) row.suggestion = t(finding.suggestionKey, finding.params);
    return row;
  });
}

function overall(input: ReportInput): string {
  const t = tr(input);
  const { model } = input;
  if (!model.root) return t('results.report.overallUnreadable');
  const failed = model.totals.failed + model.totals.unreadable;
  return model.failed ? t('results.report.overallFailed', { failed, applied: model.totals.applied }) : t('results.report.overallOk', { applied: model.totals.applied });
}

function schemaState(input: ReportInput): string {
  const t = tr(input);
  const { schema } = input.model;
  return !schema.checked ? t('results.report.schemaNotChecked') : schema.valid ? t('results.report.schemaValid') : t('results.report.schemaInvalid');
}

function signerText(input: ReportInput): string | undefined {
  if (!input.source || input.source.signer === undefined) return undefined;
  return input.source.signer ?? tr(input)('results.report.unsigned');
}

function outcomeLabel(input: ReportInput, outcome: ResultNode['outcome'] | 'partial'): string {
  return input.translate(`results.outcome.${outcome}` as MessageKey);
}

function nodeLabel(node: ResultNode): string {
  let label = node.element;
  if (node.name !== undefined) label += ` "${node.name}"`;
  if (node.value !== undefined && node.value !== '') label += ` = ${node.value}`;
  return label;
}

function nodeStatus(input: ReportInput, node: ResultNode): string {
  if (node.outcome === 'notReported') return '';
  const status = outcomeLabel(input, node.outcome);
  if (!node.decoded) return `${status} ${node.errorCodeRaw ?? ''}`.trim();
  const description = describeHresult(node.decoded, input.language);
  return node.outcome === 'applied' ? status : `${status} ${description.display} ${description.name}`;
}

// ---------- text ----------

/** Plain text for terminals: header, tree with outcomes, failures with advice, findings. */
export function reportText(input: ReportInput): string {
  const t = tr(input);
  const lines: string[] = [t('results.report.title'), ''];
  lines.push(`${t('results.report.resultFile')}: ${input.result.name}${input.result.sha256 ? `  (SHA-256 ${input.result.sha256})` : ''}`);
  if (input.source) lines.push(`${t('results.report.sourceFile')}: ${input.source.name}${input.source.sha256 ? `  (SHA-256 ${input.source.sha256})` : ''}`);
  const signer = signerText(input);
  if (signer) lines.push(`${t('results.report.signer')}: ${signer}`);
  if (input.model.version) lines.push(`${t('results.report.version')}: ${input.model.version}`);
  lines.push(`${t('results.report.schema')}: ${schemaState(input)}`);
  lines.push('', overall(input));

  if (input.model.root) {
    lines.push('', `${t('results.report.tree')}:`);
    const visit = (node: ResultNode, prefix: string, last: boolean, top: boolean) => {
      const status = nodeStatus(input, node);
      lines.push(`${top ? '' : prefix + (last ? '└─ ' : '├─ ')}${nodeLabel(node)}${status ? `  [${status}]` : ''}`);
      const childPrefix = top ? '' : prefix + (last ? '   ' : '│  ');
      node.children.forEach((child, index) => visit(child, childPrefix, index === node.children.length - 1, false));
    };
    visit(input.model.root, '', true, true);
  }

  // A file that could not be read has no failures to list: never say "Nothing failed" about it.
  const failures = input.model.root ? failureRows(input) : [];
  if (input.model.root) lines.push('', `${t('results.report.failures')}:`);
  if (input.model.root && failures.length === 0) lines.push(`  ${t('results.report.noFailures')}`);
  failures.forEach((row, index) => {
    lines.push(`  ${index + 1}. ${row.path}: ${row.hresult.display} ${row.hresult.name}`);
    lines.push(`     ${t('results.report.meaning')}: ${row.hresult.meaning}`);
    if (row.hresult.advice) lines.push(`     ${t('results.report.advice')}: ${row.hresult.advice}`);
    lines.push(`     ${t('results.report.resultLocation')}: ${row.resultLocation}${input.source ? `   ${t('results.report.sourceLocation')}: ${row.sourceLocation ?? t('results.report.notInSource')}` : ''}`);
  });

  const findings = findingRows(input);
  lines.push('', `${t('results.report.findings')}:`);
  if (findings.length === 0) lines.push(`  ${t('results.report.noFindings')}`);
  for (const row of findings) {
    lines.push(`  ${row.location}  ${t(`results.severity.${row.severity}` as MessageKey)}  ${row.message}  [${row.code}]`);
    if (row.suggestion) lines.push(`     ${t('results.report.suggestion')}: ${row.suggestion}`);
  }
  return lines.join('\n') + '\n';
}

// ---------- Markdown ----------

/** Escapes text for a Markdown table cell or paragraph (no raw HTML, no accidental formatting). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}

export function reportMarkdown(input: ReportInput): string {
  const t = tr(input);
  const md = escapeMarkdown;
  const out: string[] = [`# ${md(t('results.report.title'))}`, ''];
  const meta: [string, string][] = [[t('results.report.resultFile'), `${md(input.result.name)}${input.result.sha256 ? ` — SHA-256 \`${input.result.sha256}\`` : ''}`]];
  if (input.source) meta.push([t('results.report.sourceFile'), `${md(input.source.name)}${input.source.sha256 ? ` — SHA-256 \`${input.source.sha256}\`` : ''}`]);
  const signer = signerText(input);
  if (signer) meta.push([t('results.report.signer'), md(signer)]);
  meta.push([t('results.report.date'), md(input.date)]);
  if (input.model.version) meta.push([t('results.report.version'), input.model.version]);
  meta.push([t('results.report.schema'), md(schemaState(input))]);
  for (const [label, value] of meta) out.push(`- **${md(label)}**: ${value}`);
  out.push('', `**${md(overall(input))}**`, '');

  if (input.model.sections.length > 0) {
    out.push(`## ${md(t('results.report.summary'))}`, '');
    out.push(`| ${md(t('results.report.section'))} | ${md(t('results.report.outcome'))} | ${md(t('results.report.applied'))} | ${md(t('results.report.failed'))} |`, '|---|---|---|---|');
    for (const section of input.model.sections) {
      out.push(`| ${md(section.section)} | ${md(outcomeLabel(input, section.outcome))} | ${section.applied} | ${section.failed} |`);
    }
    out.push('');
  }

  const failures = input.model.root ? failureRows(input) : [];
  if (input.model.root) out.push(`## ${md(t('results.report.failures'))}`, '');
  if (input.model.root && failures.length === 0) out.push(md(t('results.report.noFailures')), '');
  for (const row of failures) {
    out.push(`### ${md(row.path)}`, '');
    out.push(`- **${md(t('results.report.code'))}**: \`${row.hresult.display}\` ${md(row.hresult.name)}`);
    out.push(`- **${md(t('results.report.meaning'))}**: ${md(row.hresult.meaning)}`);
    if (row.hresult.advice) out.push(`- **${md(t('results.report.advice'))}**: ${md(row.hresult.advice)}`);
    out.push(`- **${md(t('results.report.resultLocation'))}**: \`${row.resultLocation.replace(/`/g, "'")}\``);
    if (input.source) out.push(`- **${md(t('results.report.sourceLocation'))}**: ${row.sourceLocation ? `\`${row.sourceLocation.replace(/`/g, "'")}\`` : md(t('results.report.notInSource'))}`);
    out.push('');
  }

  const findings = findingRows(input);
  out.push(`## ${md(t('results.report.findings'))}`, '');
  if (findings.length === 0) out.push(md(t('results.report.noFindings')), '');
  else {
    out.push(`| ${md(t('results.report.severity'))} | ${md(t('results.report.location'))} | ${md(t('results.report.message'))} | ${md(t('results.report.suggestion'))} |`, '|---|---|---|---|');
    for (const row of findings) {
      out.push(`| ${md(t(`results.severity.${row.severity}` as MessageKey))} | ${md(row.location)} | ${md(row.message)} (${md(row.code)}) | ${md(row.suggestion ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

// ---------- HTML ----------

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-family:ui-monospace,monospace}.failed{color:#a40000;font-weight:600}.applied{color:#1a6b1a}
.partial{color:#8a5300;font-weight:600}ul.tree,ul.tree ul{list-style:none;padding-left:1.2em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}th{background:#2b2b2b}.failed{color:#ff7b7b}.applied{color:#7bd17b}}`;

export function reportHtml(input: ReportInput): string {
  const t = tr(input);
  const h = escapeHtml;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${input.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${h(t('results.report.title'))} — ${h(input.result.name)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(t('results.report.title'))}</h1>`,
    '<dl>',
  ];
  const meta: [string, string][] = [[t('results.report.resultFile'), `${h(input.result.name)}${input.result.sha256 ? ` — SHA-256 <code>${h(input.result.sha256)}</code>` : ''}`]];
  if (input.source) meta.push([t('results.report.sourceFile'), `${h(input.source.name)}${input.source.sha256 ? ` — SHA-256 <code>${h(input.source.sha256)}</code>` : ''}`]);
  const signer = signerText(input);
  if (signer) meta.push([t('results.report.signer'), h(signer)]);
  meta.push([t('results.report.date'), h(input.date)]);
  if (input.model.version) meta.push([t('results.report.version'), h(input.model.version)]);
  meta.push([t('results.report.schema'), h(schemaState(input))]);
  for (const [label, value] of meta) out.push(`<dt>${h(label)}</dt><dd>${value}</dd>`);
  out.push('</dl>', `<p class="${input.model.failed ? 'failed' : 'applied'}">${h(overall(input))}</p>`);

  if (input.model.sections.length > 0) {
    out.push(`<h2>${h(t('results.report.summary'))}</h2>`, '<table>');
    out.push(`<tr><th>${h(t('results.report.section'))}</th><th>${h(t('results.report.outcome'))}</th><th>${h(t('results.report.applied'))}</th><th>${h(t('results.report.failed'))}</th></tr>`);
    for (const section of input.model.sections) {
      out.push(`<tr><td>${h(section.section)}</td><td class="${section.outcome}">${h(outcomeLabel(input, section.outcome))}</td><td>${section.applied}</td><td>${section.failed}</td></tr>`);
    }
    out.push('</table>');
  }

  const failures = input.model.root ? failureRows(input) : [];
  if (input.model.root) out.push(`<h2>${h(t('results.report.failures'))}</h2>`);
  if (input.model.root && failures.length === 0) out.push(`<p>${h(t('results.report.noFailures'))}</p>`);
  else if (failures.length > 0) {
    out.push('<table>');
    out.push(`<tr><th>${h(t('results.report.item'))}</th><th>${h(t('results.report.code'))}</th><th>${h(t('results.report.meaning'))}</th><th>${h(t('results.report.advice'))}</th><th>${h(t('results.report.location'))}</th></tr>`);
    for (const row of failures) {
      const where = [`${h(t('results.report.resultLocation'))}: <code>${h(row.resultLocation)}</code>`];
      if (input.source) where.push(`${h(t('results.report.sourceLocation'))}: ${row.sourceLocation ? `<code>${h(row.sourceLocation)}</code>` : h(t('results.report.notInSource'))}`);
      out.push(`<tr><td>${h(row.path)}</td><td><code>${h(row.hresult.display)}</code><br>${h(row.hresult.name)}</td><td>${h(row.hresult.meaning)}</td><td>${h(row.hresult.advice)}</td><td>${where.join('<br>')}</td></tr>`);
    }
    out.push('</table>');
  }

  if (input.model.root) {
    out.push(`<h2>${h(t('results.report.tree'))}</h2>`);
    const visit = (node: ResultNode): string => {
      const status = nodeStatus(input, node);
      const item = `${h(nodeLabel(node))}${status ? ` <span class="${node.outcome}">[${h(status)}]</span>` : ''}`;
      return `<li>${item}${node.children.length ? `<ul>${node.children.map(visit).join('')}</ul>` : ''}</li>`;
    };
    out.push(`<ul class="tree">${visit(input.model.root)}</ul>`);
  }

  const findings = findingRows(input);
  out.push(`<h2>${h(t('results.report.findings'))}</h2>`);
  if (findings.length === 0) out.push(`<p>${h(t('results.report.noFindings'))}</p>`);
  else {
    out.push('<table>');
    out.push(`<tr><th>${h(t('results.report.severity'))}</th><th>${h(t('results.report.location'))}</th><th>${h(t('results.report.message'))}</th><th>${h(t('results.report.suggestion'))}</th></tr>`);
    for (const row of findings) {
      out.push(`<tr><td>${h(t(`results.severity.${row.severity}` as MessageKey))}</td><td><code>${h(row.location)}</code></td><td>${h(row.message)} <small>(${h(row.code)})</small></td><td>${h(row.suggestion ?? '')}</td></tr>`);
    }
    out.push('</table>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

// ---------- JSON ----------

export interface JsonReport {
  format: 'provstudio-results-report';
  formatVersion: 1;
  date: string;
  language: Language;
  result: ReportFile;
  source?: ReportInput['source'];
  failed: boolean;
  wellFormed: boolean;
  version?: string;
  schema: ResultsModel['schema'];
  totals: ResultsModel['totals'];
  sections: ResultsModel['sections'];
  failures: FailureRow[];
  findings: (FindingRow & { range: Finding['range']; file: Finding['file'] })[];
  nodes: {
    id: string;
    path: string;
    element: string;
    name?: string;
    value?: string;
    outcome: ResultNode['outcome'];
    errorCode?: string;
    errorCodeRaw?: string;
    decoded?: ResultNode['decoded'];
    range: ResultNode['range'];
    source?: SourceLink;
  }[];
}

export function reportJsonObject(input: ReportInput): JsonReport {
  const rows = findingRows(input);
  const findings = sortFindings([...input.model.findings, ...(input.mapping?.findings ?? [])]);
  const report: JsonReport = {
    format: 'provstudio-results-report',
    formatVersion: 1,
    date: input.date,
    language: input.language,
    result: input.result,
    failed: input.model.failed,
    wellFormed: input.model.wellFormed,
    schema: input.model.schema,
    totals: input.model.totals,
    sections: input.model.sections,
    failures: failureRows(input),
    findings: rows.map((row, index) => ({ ...row, range: (findings[index] as Finding).range, file: (findings[index] as Finding).file })),
    nodes: allNodes(input.model.root).map((node) => {
      const link = input.mapping?.links[node.id];
      const entry: JsonReport['nodes'][number] = { id: node.id, path: node.path, element: node.element, outcome: node.outcome, range: node.range };
      if (node.name !== undefined) entry.name = node.name;
      if (node.value !== undefined) entry.value = node.value;
      if (node.errorCode !== undefined) entry.errorCode = node.errorCode;
      if (node.errorCodeRaw !== undefined) entry.errorCodeRaw = node.errorCodeRaw;
      if (node.decoded) entry.decoded = node.decoded;
      if (link) entry.source = link;
      return entry;
    }),
  };
  if (input.source) report.source = input.source;
  if (input.model.version) report.version = input.model.version;
  return report;
}

export function reportJson(input: ReportInput): string {
  return JSON.stringify(reportJsonObject(input), null, 2) + '\n';
}

export type ReportFormat = 'text' | 'json' | 'md' | 'html';

export function formatReport(format: ReportFormat, input: ReportInput): string {
  switch (format) {
    case 'json':
      return reportJson(input);
    case 'md':
      return reportMarkdown(input);
    case 'html':
      return reportHtml(input);
    default:
      return reportText(input);
  }
}
