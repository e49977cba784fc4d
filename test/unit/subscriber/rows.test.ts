// Reading data rows: RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, a BOM,
// `;` or `,`) through csv-parse, and JSON Lines; bad rows are numbered, the file goes on.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows } from '../../../shared/node/subscriber/batch';
import { DataFileError, readRows, type DataRecord } from '../../../shared/node/subscriber/rows';
import { temporaryDirectory } from '../signing/support';

async function all(file: string): Promise<DataRecord[]> {
  const records: DataRecord[] = [];
  for await (const record of readRows(file)) records.push(record);
  return records;
}

describe('reading CSV', () => {
  const directory = temporaryDirectory('provstudio-rows-');

  it('reads quoted fields with commas, doubled quotes and line breaks, after a BOM, with CRLF', async () => {
    const file = path.join(directory, 'quoted.csv');
    writeFileSync(file, '\uFEFFSubscriberId,Name,Note\r\n1,"Smith, Jane","said ""hi""\r\nthen left"\r\n2,Plain,"multi\nline\nnote"\r\n3,Last,\r\n');
    const records = await all(file);
    expect(records).toEqual([
      { row: 1, line: 2, values: { SubscriberId: '1', Name: 'Smith, Jane', Note: 'said "hi"\r\nthen left' } },
      { row: 2, line: 4, values: { SubscriberId: '2', Name: 'Plain', Note: 'multi\nline\nnote' } },
      { row: 3, line: 7, values: { SubscriberId: '3', Name: 'Last', Note: '' } },
    ]);
    expect(await countRows(file)).toBe(3);
  });

  it('reads semicolon-separated files (the delimiter comes from the header line)', async () => {
    const file = path.join(directory, 'semicolon.csv');
    writeFileSync(file, 'SubscriberId;Plan\n310260000000001;"5,5 GB"\n310260000000002;10 GB\n');
    expect((await all(file)).map((record) => ('values' in record ? record.values : null))).toEqual([
      { SubscriberId: '310260000000001', Plan: '5,5 GB' },
      { SubscriberId: '310260000000002', Plan: '10 GB' },
    ]);
  });

  it('reports a row with the wrong number of columns and goes on', async () => {
    const file = path.join(directory, 'ragged.csv');
    writeFileSync(file, 'A,B\n1,2\n3\n4,5\n');
    const records = await all(file);
    expect(records[1]).toEqual({ row: 2, line: 3, problem: { column: '', messageKey: 'row.columnCount', params: { found: '1', expected: '2' } } });
    expect(records[2]).toMatchObject({ row: 3, values: { A: '4', B: '5' } });
  });

  it('stops with the line when a quote is never closed', async () => {
    const file = path.join(directory, 'unclosed.csv');
    writeFileSync(file, 'A,B\n1,"open\n2,3\n');
    await expect(all(file)).rejects.toBeInstanceOf(DataFileError);
  });
});

describe('reading JSON Lines', () => {
  it('reads objects with lists and numbers, skips blank lines and reports lines that are not objects', async () => {
    const directory = temporaryDirectory('provstudio-rows-');
    const file = path.join(directory, 'rows.jsonl');
    writeFileSync(file, '{"SubscriberId":"1","Ssids":["a","b"],"Limit":5}\n\n[1,2]\n{oops\n{"SubscriberId":"4"}\n');
    const records = await all(file);
    expect(records.map((record) => ('values' in record ? record.values : record.problem.messageKey))).toEqual([{ SubscriberId: '1', Ssids: ['a', 'b'], Limit: 5 }, 'row.notObject', 'row.notJson', { SubscriberId: '4' }]);
    expect(records.map((record) => [record.row, record.line])).toEqual([
      [1, 1],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
  });
});
