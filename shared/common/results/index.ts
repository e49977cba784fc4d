// Public API of the results reader (see docs/results.md).
export type * from './types';
export { readResults, allNodes, findNode, RESULTS_NAMESPACE, RESULTS_ROOT, type ReadResultsOptions } from './reader';
export { mapResultsToSource, linkedNodes, sourceName, SOURCE_ROOT, type SourceLink, type SourceMapping } from './mapping';
export { parseErrorCode, decodeHresult, describeHresult, knownHresults, toHex, type ParsedErrorCode, type ErrorCodeDeviation, type HresultDescription } from './hresult';
export { diagnoseMalformed, findCurlyQuote } from './wellformed';
export { findBareAmpersand } from '../xml/explain';
export { makeFinding } from './findings';
export { resultsValidator } from './validator';
export {
  formatReport,
  reportText,
  reportMarkdown,
  reportHtml,
  reportJson,
  reportJsonObject,
  failureRows,
  findingRows,
  escapeHtml,
  escapeMarkdown,
  type ReportInput,
  type ReportFile,
  type ReportFormat,
  type FailureRow,
  type FindingRow,
  type JsonReport,
} from './report';
