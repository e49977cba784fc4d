// One entry, three exports: the portal checklist (Markdown, CSV, JSON), the COSA answer file
// (customizations.xml) and the APN database entry (apndatabase.xml).
import { translate, type Language } from '../../i18n/index';
import { writeApnDatabase } from './apn-database';
import { checklistCsv, checklistJson, checklistMarkdown } from './checklist';
import { writeCustomizations } from './customizations';
import type { CosaEntry, CosaFinding } from './model';

export const COSA_EXPORT_FORMATS = ['checklist-md', 'checklist-csv', 'checklist-json', 'customizations', 'apndb'] as const;
export type CosaExportFormat = (typeof COSA_EXPORT_FORMATS)[number];

/** The file name each format is usually given. */
export const DEFAULT_FILE_NAMES: Record<CosaExportFormat, string> = {
  'checklist-md': 'cosa-checklist.md',
  'checklist-csv': 'cosa-checklist.csv',
  'checklist-json': 'cosa-checklist.json',
  customizations: 'customizations.xml',
  apndb: 'ApnDatabase.xml',
};

/** The exported text. Throws CosaExportError when the format cannot express the entry. */
export function exportCosa(entry: CosaEntry, format: CosaExportFormat, language: Language): string {
  switch (format) {
    case 'checklist-md':
      return checklistMarkdown(entry, language);
    case 'checklist-csv':
      return checklistCsv(entry);
    case 'checklist-json':
      return checklistJson(entry);
    case 'customizations':
      return writeCustomizations(entry);
    case 'apndb':
      return writeApnDatabase(entry);
  }
}

const SEVERITY_KEYS = { error: 'website.severity.error', warning: 'website.severity.warning', info: 'website.severity.info' } as const;

/** One finding as "file:line:column: severity path: message". */
export function formatCosaFinding(finding: CosaFinding, language: Language, file = ''): string {
  const place = finding.line !== undefined ? `${file}:${finding.line}:${finding.column ?? 1}` : file;
  const where = finding.path ? ` ${finding.path}` : '';
  return `${place ? `${place}: ` : ''}${translate(language, SEVERITY_KEYS[finding.severity])}${where}: ${translate(language, finding.key, finding.params)} [${finding.code}]`;
}
