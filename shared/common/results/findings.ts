// Building findings: one place that fills messageKey, the English message and the file.
import { translateEnglish, type MessageKey, type MessageParams } from '../i18n/core';
import type { Finding, FindingCode, Range, Severity } from './types';

export function makeFinding(
  code: FindingCode,
  severity: Severity,
  range: Range,
  params: MessageParams = {},
  extra: { file?: Finding['file']; suggestionKey?: MessageKey } = {},
): Finding {
  const finding: Finding = { code, severity, messageKey: code, params, message: translateEnglish(code, params), range, file: extra.file ?? 'result' };
  if (extra.suggestionKey) finding.suggestionKey = extra.suggestionKey;
  return finding;
}
