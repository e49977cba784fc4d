// `npm run bench`: every capability's benchmark in one run, on this machine, with the native
// tools they are compared with (xmllint, xmlsec1) measured in the same run. A benchmark, never a
// test: it prints tables and writes .bench/results.json; it does not fail on a missed target.
// `npm run bench -- validation` runs one suite (see the README for their names; `host` is the browser host load).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchSigning } from '../../shared/node/signing/bench';
import { cliSuite, runCliBench } from './cli';
import { runEditingBench } from './editing';
import { formChangeSuite, runFormChangeBench } from './form-change';
import { runHostLoadBench } from './host-load';
import { KEYSTROKE_KINDS, runKeystrokeBench, type KeystrokeBenchResult } from './keystroke';
import { runSubscriberBench } from './subscriber';
import { formatSuite, type BenchSuite } from './report';
import { formatTable as formatValidationTable, runValidationBench } from './validation';

const outputDirectory = path.resolve('.bench');
mkdirSync(outputDirectory, { recursive: true });
const only = process.argv[2];
const suites: BenchSuite[] = [];
const raw: Record<string, unknown> = {};

if (!only || only === 'validation') {
  const result = await runValidationBench({ outputDirectory });
  raw.validation = result;
  console.log('\n## Validation (issue: schemas, validation and lint)\n');
  console.log(formatValidationTable(result));
  const oneMegabyte = result.sizes.find((size) => size.label === '1 MB');
  const fiveMegabytes = result.sizes.find((size) => size.label === '5 MB');
  suites.push({
    suite: 'Validation',
    rows: [
      { name: 'schema compile', value: result.compileMs, unit: 'ms' },
      ...(oneMegabyte ? [{ name: 'validate 1 MB in-process', value: oneMegabyte.validateMs, unit: 'ms' as const, target: { comparison: '<=' as const, value: 50 } }] : []),
      ...(oneMegabyte ? [{ name: 'validate + lint 1 MB', value: oneMegabyte.validateWithLintMs, unit: 'ms' as const }] : []),
      ...(fiveMegabytes?.ratioToNative != null
        ? [{ name: 'validate 5 MB / native xmllint', value: fiveMegabytes.ratioToNative, unit: 'ratio' as const, target: { comparison: '<=' as const, value: 1.5 } }]
        : []),
    ],
  });
}

if (!only || only === 'cli') {
  const cli = runCliBench({ outputDirectory });
  raw.cli = cli;
  suites.push(cliSuite(cli));
}

if (!only || only === 'signing') {
  const results = await benchSigning();
  raw.signing = results;
  suites.push({
    suite: 'Signing (sign + verify, PFX key) against xmlsec1',
    rows: results.flatMap((result) => [
      { name: `ours ${result.size}`, value: result.oursMs, unit: 'ms' as const },
      ...(result.xmlsec1Ms !== null ? [{ name: `xmlsec1 ${result.size}`, value: result.xmlsec1Ms, unit: 'ms' as const }] : []),
      ...(result.ratio !== null
        ? [{ name: `ours / xmlsec1 ${result.size}`, value: result.ratio, unit: 'ratio' as const, ...(result.size === '1 MB' ? { target: { comparison: '<=' as const, value: 1.5 } } : {}) }]
        : []),
    ]),
  });
}

if (!only || only === 'editing') {
  const editing = await runEditingBench();
  raw.editing = editing;
  suites.push(editing);
}

if (!only || only === 'form-change') {
  // Quiet (the goal's number), then with a second process keeping one core busy (as for keystrokes).
  for (const busyCore of [false, true]) {
    const formChange = await runFormChangeBench({ busyCore });
    raw[busyCore ? 'formChangeBusyCore' : 'formChange'] = formChange;
    suites.push(formChangeSuite(formChange));
  }
}

if (!only || only === 'subscriber') {
  const subscriber = await runSubscriberBench();
  raw.subscriber = subscriber.result;
  suites.push(subscriber.suite);
}

if (!only || only === 'keystroke') {
  // Each kind of keystroke quiet, then with a second process keeping one core busy (the goal holds
  // under that load, for every kind: value edits are what people type most).
  const keystrokes: KeystrokeBenchResult[] = [];
  for (const kind of KEYSTROKE_KINDS) {
    for (const busyCore of [false, true]) {
      const keystroke = await runKeystrokeBench({ kind, busyCore });
      keystrokes.push(keystroke);
      suites.push({
        suite: `Keystroke to markers in Chromium, ${kind === 'comment' ? 'typing in a comment' : kind === 'value' ? 'typing in a profile name (a text value)' : 'a number made invalid and valid again'} (${(keystroke.documentBytes / 1048576).toFixed(1)} MB document${keystroke.textOnly ? ', XML text view' : ''}, ${keystroke.samples.length} keystrokes${busyCore ? ', one core kept busy by a second process' : ''})`,
        rows: [
          { name: 'p50', value: keystroke.p50, unit: 'ms' },
          { name: 'p95', value: keystroke.p95, unit: 'ms', ...(busyCore ? { target: { comparison: '<=' as const, value: 100 } } : {}) },
          { name: 'max', value: keystroke.max, unit: 'ms' },
          ...(keystroke.markersRight !== undefined ? [{ name: 'keystrokes whose error marker was right (shown, then gone)', value: keystroke.markersRight, unit: 'count' as const, note: `of ${keystroke.samples.length}` }] : []),
        ],
      });
    }
  }
  raw.keystroke = keystrokes;
}

if (!only || only === 'host') {
  const hostLoad = await runHostLoadBench();
  raw.host = hostLoad;
  suites.push(hostLoad);
}

for (const suite of suites) console.log(formatSuite(suite));
const summary = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, node: process.version, suites, raw };
writeFileSync(path.join(outputDirectory, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`\nwritten to ${path.join(outputDirectory, 'results.json')}`);
