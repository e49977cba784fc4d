// Validation benchmark: schema compile time, in-process validation (our parse + libxml2-wasm XSD,
// lint off and on) against native `xmllint --noout --schema` on the same generated files.
//
// Run: npx esbuild test/bench/validation.ts --bundle --platform=node --format=esm \
//        --packages=external --outfile=.bench/validation.mjs && node .bench/validation.mjs
// Writes .bench/validation.json and prints a table. Targets: 1 MB <= 50 ms in-process;
// 5 MB <= 1.5 x native xmllint. Columns: tree-parse = parseXml (positioned tree); check =
// checkXml (well-formedness only, validate's first stage); encode = UTF-8 for libxml2;
// validate = check + root + libxml2 (+ tree and mapping only when there are findings);
// +lint = validate with lint (builds the tree); (lint) = the lint rules alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProvisioningValidator } from '../../shared/common/validation/index';
import { readSchemaLibrary } from '../../shared/node/schema-library';
import { encodeUtf8 } from '../../shared/common/schema/environment';
import { checkXml, parseXml } from '../../shared/common/xml/parse';
import { wasmXsdEngine } from '../../shared/common/schema/libxml';

/** The repository root: the first folder upwards with schemas/provisioning.xsd (source or bundled). */
export function findRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'schemas', 'provisioning.xsd'))) return directory;
    if (path.dirname(directory) === directory) return process.cwd();
  }
}
const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
const SCHEMAS = path.join(ROOT, 'schemas');

const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
const WWAN = 'http://www.microsoft.com/networking/CarrierControl/WWAN/v1';
const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
const PLANS = 'http://www.microsoft.com/networking/CarrierControl/Plans/v1';

function smsRule(index: number): string {
  return `      <Message>
        <SMSBearer Sender="+1425555${String(index % 10000).padStart(4, '0')}"/>
        <Pattern>Used ([0-9.]+) (MB|GB) of plan ${index} at (.+)</Pattern>
        <Fields>
          <Usage Group="1" UnitGroup="2" DefaultUnit="M"/>
          <UsageTimestamp Format="%m/%d/%Y %H:%M" Group="3"/>
        </Fields>
      </Message>
`;
}

function wlanProfile(index: number, planCount: number): string {
  return `    <WLANProfile xmlns="${WLAN}" Priority="${index % 10}">
      <name>Contoso Wi-Fi ${index}</name>
      <AssociatedPlan>Plan ${index % planCount}</AssociatedPlan>
      <SSIDConfig>
        <SSID>
          <name>Contoso-${index}</name>
        </SSID>
      </SSIDConfig>
      <MSM>
        <security>
          <authEncryption>
            <authentication>WPA2PSK</authentication>
            <encryption>AES</encryption>
            <useOneX>false</useOneX>
          </authEncryption>
          <sharedKey>
            <keyType>passPhrase</keyType>
            <protected>true</protected>
            <keyMaterial>01000000D08C9DDF0115D1118C7A00C04FC297EB${String(index).padStart(8, '0')}</keyMaterial>
          </sharedKey>
        </security>
      </MSM>
    </WLANProfile>
`;
}

function plan(index: number): string {
  return `    <Plan xmlns="${PLANS}" Name="Plan ${index}">
      <Description PlanType="Fixed">
        <BillingCycle StartDate="2024-01-01T00:00:00Z" Duration="P1M" Resets="true"/>
        <DataLimitInMegabytes>${1024 * (1 + (index % 50))}</DataLimitInMegabytes>
        <InboundBandwidthInKbps>50000</InboundBandwidthInKbps>
        <OutboundBandwidthInKbps>10000</OutboundBandwidthInKbps>
      </Description>
      <Usage OverLimit="false" Congested="false" CurrentUsage="${index * 7}" UsageTimestamp="2024-01-15T12:00:00Z"/>
    </Plan>
`;
}

/** A valid provisioning document of about `targetBytes` (UTF-8 = UTF-16 length here: ASCII only). */
export function generateDocument(targetBytes: number): string {
  const unit = wlanProfile(0, 1).length + plan(0).length / 4 + smsRule(0).length / 4;
  const profiles = Math.max(1, Math.floor(targetBytes / unit));
  const planCount = Math.max(1, Math.floor(profiles / 4));
  const rules = Math.max(1, Math.floor(profiles / 4));
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<CarrierProvisioning xmlns="${CC}">\n  <Global>\n    <CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId>\n    <SubscriberId>310260000000001</SubscriberId>\n  </Global>\n`,
    `  <MBNProfiles>\n    <DefaultProfile xmlns="${WWAN}">\n      <Name>Contoso LTE</Name>\n      <AssociatedPlan>Plan 0</AssociatedPlan>\n    </DefaultProfile>\n    <Messages xmlns="${WWAN}">\n`,
  ];
  for (let index = 0; index < rules; index++) parts.push(smsRule(index));
  parts.push('    </Messages>\n  </MBNProfiles>\n  <WLANProfiles>\n');
  for (let index = 0; index < profiles; index++) parts.push(wlanProfile(index, planCount));
  parts.push('  </WLANProfiles>\n  <Plans>\n');
  for (let index = 0; index < planCount; index++) parts.push(plan(index));
  parts.push('  </Plans>\n</CarrierProvisioning>\n');
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timeNative(file: string, runs: number): number | null {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, 'provisioning.xsd'), file], { encoding: 'utf8' });
    if (result.error) return null;
    if (result.status !== 0) throw new Error(`xmllint says ${file} is invalid: ${result.stderr.slice(0, 500)}`);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

export interface SizeResult {
  label: string;
  bytes: number;
  /** Building the positioned tree (parseXml). */
  parseMs: number;
  /** Well-formedness only, no tree (checkXml): the first stage of validate. */
  checkMs: number;
  /** UTF-8 encoding of the text for libxml2. */
  encodeMs: number;
  /** The lint rules alone, on an already built tree (validate with lint minus without). */
  lintMs: number;
  validateMs: number;
  validateWithLintMs: number;
  schemaPartMs: number;
  nativeWallMs: number | null;
  nativeMinusStartupMs: number | null;
  ratioToNative: number | null;
}

export interface ValidationBenchResult {
  machine: string;
  node: string;
  compileMs: number;
  nativeStartupMs: number | null;
  sizes: SizeResult[];
  targets: { oneMegabyteUnder50ms: boolean; fiveMegabytesWithin1_5xNative: boolean | null };
}

export async function runValidationBench(options: { runs?: number; outputDirectory?: string } = {}): Promise<ValidationBenchResult> {
  const runs = options.runs ?? 7;
  const outputDirectory = options.outputDirectory ?? path.join(ROOT, '.bench');
  mkdirSync(outputDirectory, { recursive: true });
  const schemaFiles = readSchemaLibrary(SCHEMAS);

  const compileSamples: number[] = [];
  let validator: ProvisioningValidator | undefined;
  for (let run = 0; run < 3; run++) {
    validator?.dispose();
    validator = ProvisioningValidator.create(wasmXsdEngine, schemaFiles);
    compileSamples.push(validator.compileMs);
  }
  const compileMs = median(compileSamples);

  const tiny = path.join(outputDirectory, 'tiny.xml');
  writeFileSync(tiny, generateDocument(1));
  const nativeStartupMs = timeNative(tiny, runs);

  const sizes: SizeResult[] = [];
  for (const [label, bytes] of [
    ['100 KB', 100 * 1024],
    ['1 MB', 1024 * 1024],
    ['5 MB', 5 * 1024 * 1024],
  ] as const) {
    const text = generateDocument(bytes);
    const file = path.join(outputDirectory, `generated-${label.replace(' ', '')}.xml`);
    writeFileSync(file, text);
    const check = validator!.validate(text);
    if (!check.valid) throw new Error(`generated ${label} document is not valid: ${check.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
    const lintErrors = check.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (lintErrors.length > 0) throw new Error(`generated ${label} document has lint errors: ${lintErrors[0]!.message}`);

    const parse: number[] = [];
    const checkOnly: number[] = [];
    const encode: number[] = [];
    const lint: number[] = [];
    const validate: number[] = [];
    const validateWithLint: number[] = [];
    const schemaPart: number[] = [];
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      parseXml(text);
      parse.push(performance.now() - started);
      started = performance.now();
      checkXml(text);
      checkOnly.push(performance.now() - started);
      started = performance.now();
      encodeUtf8(text);
      encode.push(performance.now() - started);
      started = performance.now();
      const result = validator!.validate(text, { lint: false });
      validate.push(performance.now() - started);
      schemaPart.push(result.timings.schemaMs);
      started = performance.now();
      const withLint = validator!.validate(text, { lint: true });
      validateWithLint.push(performance.now() - started);
      lint.push(withLint.timings.lintMs);
    }
    const nativeWallMs = timeNative(file, runs);
    const validateMs = median(validate);
    sizes.push({
      label,
      bytes: text.length,
      parseMs: median(parse),
      checkMs: median(checkOnly),
      encodeMs: median(encode),
      lintMs: median(lint),
      validateMs,
      validateWithLintMs: median(validateWithLint),
      schemaPartMs: median(schemaPart),
      nativeWallMs,
      nativeMinusStartupMs: nativeWallMs !== null && nativeStartupMs !== null ? nativeWallMs - nativeStartupMs : null,
      ratioToNative: nativeWallMs !== null ? validateMs / nativeWallMs : null,
    });
  }
  validator!.dispose();

  const oneMegabyte = sizes.find((size) => size.label === '1 MB')!;
  const fiveMegabytes = sizes.find((size) => size.label === '5 MB')!;
  const result: ValidationBenchResult = {
    machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}`,
    node: process.version,
    compileMs,
    nativeStartupMs,
    sizes,
    targets: {
      oneMegabyteUnder50ms: oneMegabyte.validateMs <= 50,
      fiveMegabytesWithin1_5xNative: fiveMegabytes.ratioToNative === null ? null : fiveMegabytes.ratioToNative <= 1.5,
    },
  };
  writeFileSync(path.join(outputDirectory, 'validation.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

export function formatTable(result: ValidationBenchResult): string {
  const ms = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));
  const lines = [
    `schema compile: ${ms(result.compileMs)} ms   xmllint startup (tiny file): ${ms(result.nativeStartupMs)} ms   ${result.machine}, node ${result.node}`,
    'size     bytes    tree-parse  check  encode  validate  +lint   (lint)  libxml2-part  xmllint-wall  xmllint-net  ours/native',
  ];
  for (const size of result.sizes) {
    lines.push(
      [
        size.label.padEnd(8),
        String(size.bytes).padStart(9),
        ms(size.parseMs).padStart(11),
        ms(size.checkMs).padStart(6),
        ms(size.encodeMs).padStart(7),
        ms(size.validateMs).padStart(9),
        ms(size.validateWithLintMs).padStart(7),
        ms(size.lintMs).padStart(8),
        ms(size.schemaPartMs).padStart(13),
        ms(size.nativeWallMs).padStart(13),
        ms(size.nativeMinusStartupMs).padStart(12),
        (size.ratioToNative === null ? 'n/a' : size.ratioToNative.toFixed(2)).padStart(12),
      ].join(' '),
    );
  }
  lines.push(`targets: 1 MB <= 50 ms: ${result.targets.oneMegabyteUnder50ms}; 5 MB <= 1.5x xmllint: ${result.targets.fiveMegabytesWithin1_5xNative}`);
  return lines.join('\n');
}

// Run directly (not when bundled into another entry point, such as test/bench/run.ts).
if (process.argv[1] && /validation\.(m?js|ts)$/.test(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runValidationBench();
  console.log(formatTable(result));
}
