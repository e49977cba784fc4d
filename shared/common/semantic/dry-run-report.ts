// A dry run in words: each line rendered in the reader's language with its rule, HRESULT (and
// symbol) and the line and column of its element. Used by the CLI and the Dry-run panel.
import type { Language, MessageKey } from '../i18n/index';
import { translate } from '../i18n/index';
import { decodeHresult } from '../results/hresult';
import type { Span } from '../xml/model';
import type { Range } from '../xml/positions';
import type { Prediction, PredictionLine } from './dry-run';
import { rangeOf } from './positions';
import { renderSentence } from './summary';

export interface RenderedLine {
  severity: PredictionLine['severity'];
  text: string;
  rule: string;
  ruleText: string;
  hresult?: string;
  symbol?: string;
  range?: Range;
  span?: Span;
}

export interface RenderedPrediction {
  outcome: Prediction['outcome'];
  outcomeText: string;
  requirementText: string;
  exception?: string;
  lines: RenderedLine[];
}

export function renderPrediction(language: Language, prediction: Prediction, sourceText: string): RenderedPrediction {
  const yesNo = (value: boolean) => translate(language, value ? 'semantic.yes' : 'semantic.no');
  const lines = prediction.lines.map((line): RenderedLine => {
    const rendered: RenderedLine = {
      severity: line.severity,
      text: renderSentence(language, line),
      rule: line.rule,
      ruleText: translate(language, `semantic.rule.${line.rule}` as MessageKey),
    };
    if (line.hresult) {
      rendered.hresult = line.hresult;
      const symbol = decodeHresult(parseInt(line.hresult, 16)).symbol;
      if (symbol) rendered.symbol = symbol;
    }
    if (line.span) {
      rendered.range = rangeOf(sourceText, line.span);
      rendered.span = line.span;
    }
    return rendered;
  });
  const result: RenderedPrediction = {
    outcome: prediction.outcome,
    outcomeText: translate(language, `semantic.dryrun.outcome.${prediction.outcome}` as MessageKey),
    requirementText: translate(language, 'semantic.dryrun.requirement', {
      required: yesNo(prediction.signature.required),
      ev: yesNo(prediction.signature.required && prediction.signature.evRequired),
      consent: yesNo(prediction.signature.required && prediction.signature.consent),
    }),
    lines,
  };
  if (prediction.exception) result.exception = prediction.exception;
  return result;
}

const MARK: Record<PredictionLine['severity'], string> = { ok: 'ok   ', info: 'info ', warning: 'warn ', error: 'ERROR' };

/** Plain text, one line per prediction with its rule underneath. */
export function predictionText(rendered: RenderedPrediction, ruleLabel: string): string {
  const out = [rendered.outcomeText, rendered.requirementText];
  for (const line of rendered.lines) {
    const where = line.range ? `${line.range.start.line}:${line.range.start.column}` : '-';
    const code = line.hresult ? ` [${line.hresult}${line.symbol ? ` ${line.symbol}` : ''}]` : '';
    out.push(`  ${MARK[line.severity]} ${where.padEnd(7)} ${line.text}${code}`);
    out.push(`        ${' '.repeat(7)} ${ruleLabel}: ${line.ruleText}`);
  }
  return out.join('\n') + '\n';
}
