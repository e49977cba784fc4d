// The simulator's and the pre-flight check's reports as text, in the reader's language.
import { translate, type Language, type MessageKey } from '../../common/i18n/index';
import { predictionText } from '../../common/semantic/dry-run-report';
import type { CheckReport } from './check';
import type { SimulationReport } from './simulate';

const MARK = { ok: 'ok   ', info: 'info ', warning: 'warn ', error: 'ERROR' } as const;

function t(language: Language, key: string, params?: Record<string, string | number>): string {
  return translate(language, key as MessageKey, params);
}

export function resultMeaning(language: Language, code: number): string {
  return t(language, `website.result.${code}`);
}

export function simulationText(report: SimulationReport, language: Language): string {
  const out: string[] = [];
  out.push(t(language, 'website.sim.heading', { url: report.url, pc: t(language, `website.sim.pc.${report.pc}`), language: report.language }));
  out.push(t(language, 'website.sim.requests'));
  for (const request of report.requests) {
    if (request.otherHost) out.push(`  ${MARK.error} ${t(language, 'website.sim.requestBlocked', { method: request.method, url: request.url, host: new URL(request.url).host })}`);
    else out.push(`  ${MARK.ok} ${request.status ?? '-'} ${request.method} ${request.url}`);
  }
  for (const violation of report.policyViolations) out.push(`  ${MARK.warning} ${t(language, 'website.sim.violation', { blocked: violation.blockedUri, directive: violation.directive })}`);
  for (const error of report.pageErrors) out.push(`  ${MARK.error} ${t(language, 'website.sim.pageError', { message: error })}`);
  if (!report.clicked) out.push(t(language, 'website.sim.noControl'));
  if (report.handovers.length === 0) out.push(t(language, 'website.sim.noHandover'));
  for (const handover of report.handovers) {
    out.push(
      handover.mechanism === 'settings'
        ? t(language, 'website.sim.handoverSettings', { url: handover.fileUrl ?? '', size: handover.size, sha256: handover.sha256 })
        : t(language, 'website.sim.handoverIe', { size: handover.size, sha256: handover.sha256 }),
    );
    if (handover.fetchError) out.push(`  ${MARK.error} ${t(language, 'website.sim.fetchError', { reason: handover.fetchError })}`);
    for (const refusal of handover.settingsRefusals) out.push(`  ${MARK.error} ${t(language, `kit.settings.refused.${refusal}`)}`);
    if (handover.consentAsked) out.push(`  ${MARK.info} ${t(language, 'website.sim.consent', { answer: t(language, handover.result === 5 ? 'website.sim.consentDeclined' : 'website.sim.consentAccepted') })}`);
    out.push(t(language, 'website.sim.result', { code: handover.result, meaning: resultMeaning(language, handover.result) }));
    out.push(predictionText(handover.rendered, t(language, 'cli.dryRun.rule')).trimEnd());
  }
  if (report.pageStatus) out.push(t(language, 'website.sim.pageStatus', { text: report.pageStatus }));
  out.push(t(language, report.success ? 'website.sim.verdict.success' : 'website.sim.verdict.failure'));
  return out.join('\n') + '\n';
}

export function checkText(report: CheckReport, language: Language): string {
  const out: string[] = [t(language, 'website.check.heading', { url: report.url })];
  for (const finding of report.findings) out.push(`  ${MARK[finding.severity]} ${t(language, finding.key, finding.params)}`);
  if (report.file) {
    out.push(t(language, 'website.check.file', { url: report.endpointUrl ?? '', size: report.file.size }));
    out.push(t(language, 'website.sim.result', { code: report.file.result, meaning: resultMeaning(language, report.file.result) }));
    out.push(predictionText(report.file.rendered, t(language, 'cli.dryRun.rule')).trimEnd());
  }
  out.push(t(language, report.passed ? 'website.check.verdict.pass' : 'website.check.verdict.fail'));
  return out.join('\n') + '\n';
}
