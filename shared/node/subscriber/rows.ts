// Reading the data rows of a batch, streaming (a million rows never sit in memory at once):
// - CSV through csv-parse (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes),
//   a UTF-8 byte-order mark skipped, the delimiter (`,` or `;`) read from the header line;
// - JSON Lines: one JSON object per line; blank lines are skipped.
// Rows are numbered from 1 (the header is not a row); `line` is where the row starts in the file.
//
// Two CSV libraries on purpose (docs/architecture.md, "Two CSV libraries"): a data file is read
// here with csv-parse, the COSA checklist in shared/common with papaparse. csv-parse is a Node
// Transform over bytes: a byte-order mark and a character split between two chunks are handled
// below the text, `pipe` gives back-pressure for a million rows, `raw` gives each record's text
// (hence its first line, even after line breaks inside quotes), and a broken quote stops the file
// with its line. papaparse, fed the same stream, keeps the BOM in the first header cell, gives no
// line numbers, and reads on past an unclosed quote (an error with a row index inside the chunk).
// In the browser it is the other way round: csv-parse's browser build carries a Buffer polyfill
// (122 KB against papaparse's 19 KB) and has no writer.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { Row, RowProblem } from '../../common/subscriber/index';

export type DataFormat = 'csv' | 'jsonl';

export interface DataRow {
  row: number;
  line: number;
  values: Row;
}

export interface BadDataRow {
  row: number;
  line: number;
  problem: RowProblem;
}

export type DataRecord = DataRow | BadDataRow;

/** The whole data file cannot be read on (a quote never closed, a missing header). */
export class DataFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/**
 * How much of the data file is read at a time. A chunk is parsed at once and its rows wait until
 * the batch takes them, so with Node's default 64 KB some 500 rows sat parsed in memory, long
 * enough to outlive the young generation's collections: the main thread's young generation then
 * doubled in the middle of a long batch. 4 KB holds a few dozen rows.
 */
export const READ_CHUNK_BYTES = 4 * 1024;

export function dataFormatOf(filePath: string): DataFormat {
  return /\.(jsonl|ndjson)$/i.test(filePath) ? 'jsonl' : 'csv';
}

/** `;` when the header line has more semicolons than commas (the European spreadsheet export), else `,`. */
export function delimiterOf(headerLine: string): ',' | ';' {
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

async function firstLine(filePath: string): Promise<string> {
  const stream = createReadStream(filePath, { encoding: 'utf8', end: 64 * 1024 });
  let text = '';
  for await (const chunk of stream) {
    text += chunk as string;
    if (/[\r\n]/.test(text)) break;
  }
  stream.destroy();
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[0] ?? '';
}

function lineBreaksIn(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

async function* csvRows(filePath: string): AsyncGenerator<DataRecord> {
  const delimiter = delimiterOf(await firstLine(filePath));
  // `raw` is each record's text (with the blank lines skipped before it): lines are counted from it.
  const parser = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES }).pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, raw: true }));
  let header: string[] | null = null;
  let row = 0;
  let nextLine = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = nextLine + lineBreaksIn(/^[\r\n]*/.exec(raw)![0]);
      nextLine += lineBreaksIn(raw);
      if (header === null) {
        header = record.map((name) => name.trim());
        if (header.every((name) => name === '')) throw new DataFileError(line, 'the header line names no column');
        continue;
      }
      row++;
      if (record.length !== header.length) {
        yield { row, line, problem: { column: '', messageKey: 'row.columnCount', params: { found: String(record.length), expected: String(header.length) } } };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        if (name !== '') values[name] = record[index]!;
      });
      yield { row, line, values };
    }
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    const details = error as { message: string; lines?: number };
    throw new DataFileError(details.lines ?? 0, details.message);
  }
  if (header === null) throw new DataFileError(1, 'the file is empty (no header line)');
}

async function* jsonLinesRows(filePath: string): AsyncGenerator<DataRecord> {
  const lines = createInterface({ input: createReadStream(filePath, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES }), crlfDelay: Infinity });
  let lineNumber = 0;
  let row = 0;
  for await (const raw of lines) {
    lineNumber++;
    const text = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') continue;
    row++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { row, line: lineNumber, problem: { column: '', messageKey: 'row.notJson', params: {} } };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { row, line: lineNumber, problem: { column: '', messageKey: 'row.notObject', params: {} } };
      continue;
    }
    yield { row, line: lineNumber, values: value as Row };
  }
}

/** The rows of a CSV or JSON-Lines file, one at a time. Throws DataFileError when the file itself is broken. */
export function readRows(filePath: string, format: DataFormat = dataFormatOf(filePath)): AsyncGenerator<DataRecord> {
  return format === 'jsonl' ? jsonLinesRows(filePath) : csvRows(filePath);
}
