// provstudio generate end to end (the real worker bundle in dist/, real files): bad rows reported
// while the others are written, the manifests, resume after an interrupted run, signed outputs
// checked by xmlsec1 (PFX in the workers, SoftHSM through PKCS#11 in the main thread), secrets
// kept out of every message, and bindings that point nowhere.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { parseBindings } from '../../../shared/common/subscriber/index';
import { SOFTHSM_CANDIDATES } from '../../../shared/node/keystores/pkcs11-store';
import { JOURNAL_NAME, runBatch, type ManifestEntry } from '../../../shared/node/subscriber/batch';
import { readSchemaFiles, ROOT } from '../schema/schema-files';
import { temporaryDirectory, toolAvailable, xmlsecVerify } from '../signing/support';
import { captureCli, CLI_BIN, runBuiltCli } from '../../support/cli';

const EXAMPLE = path.join(ROOT, 'examples', 'bulk');
const HEADER = 'SubscriberId,HotspotUser,HotspotPassword,DataLimitMB,UsageMB,OverLimit,PortalDomains,RefreshUser,RefreshPassword';

function row(index: number, overrides: Partial<Record<string, string>> = {}): string {
  const values: Record<string, string> = {
    SubscriberId: String(310260000000000 + index),
    HotspotUser: `wispr${index}`,
    HotspotPassword: `Hs-Secret-${index}-x`,
    DataLimitMB: '5120',
    UsageMB: String(index * 3),
    OverLimit: 'false',
    PortalDomains: 'www.contosoportal.com|login.contoso.com',
    RefreshUser: `refresh${index}`,
    RefreshPassword: `Rf-Secret-${index}-y`,
    ...overrides,
  };
  return HEADER.split(',')
    .map((column) => values[column]!)
    .join(',');
}

function setUpFolder(rows: string[]): string {
  const directory = temporaryDirectory('provstudio-generate-');
  copyFileSync(path.join(EXAMPLE, 'template.xml'), path.join(directory, 'template.xml'));
  copyFileSync(path.join(EXAMPLE, 'template.bindings.json'), path.join(directory, 'template.bindings.json'));
  writeFileSync(path.join(directory, 'rows.csv'), [HEADER, ...rows].join('\r\n') + '\r\n');
  return directory;
}

function manifest(directory: string): ManifestEntry[] {
  return JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

function everyFile(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => [name, ...(name === 'out' ? readdirSync(path.join(directory, name)).map((inner) => `out/${inner}`) : [])]);
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'generate-worker.mjs'))) throw new Error('run `npm run build` first: the batch workers run the built bundle');
});

describe('provstudio generate', () => {
  it('reports a bad row (row number, column, no value) and writes the others, with manifests', async () => {
    const directory = setUpFolder([row(1), row(2, { DataLimitMB: 'Bad-Secret-2', HotspotPassword: 'Hs-Secret-2-x' }), row(3, { UsageMB: '-7' }), row(4)]);
    const run = captureCli({ cwd: directory });
    const code = await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--jobs', '2'], run.io);
    expect(code).toBe(1);
    const output = run.text();
    expect(output).toContain('row 2 (line 3) rejected: column DataLimitMB: not an integer');
    expect(output).toContain('row 3 (line 4) rejected: column UsageMB: not a valid nonNegativeInteger');
    expect(output).toContain('Written: 2, unchanged: 0, invalid: 0, rejected: 2');

    const entries = manifest(path.join(directory, 'out'));
    expect(entries.map((entry) => [entry.row, entry.verdict, entry.file])).toEqual([
      [1, 'valid', '310260000000001.xml'],
      [2, 'rejected', null],
      [3, 'rejected', null],
      [4, 'valid', '310260000000004.xml'],
    ]);
    for (const entry of entries.filter((candidate) => candidate.file)) {
      const bytes = readFileSync(path.join(directory, 'out', entry.file!));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    expect(readdirSync(path.join(directory, 'out')).sort()).toEqual(['.provstudio-generate.jsonl', '310260000000001.xml', '310260000000004.xml', 'manifest.csv', 'manifest.json']);
    const csv = readFileSync(path.join(directory, 'out', 'manifest.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('row,line,file,sha256,verdict,findings');
    expect(csv).toContain('2,3,,,rejected,column DataLimitMB: not an integer');
    // Secrets of the data never appear in messages, manifests or the journal, even from a bad row.
    const everything = output + csv + readFileSync(path.join(directory, 'out', 'manifest.json'), 'utf8') + readFileSync(path.join(directory, 'out', '.provstudio-generate.jsonl'), 'utf8');
    expect(everything).not.toMatch(/Secret/);
  });

  it('--fail-fast stops at the first bad row (the rows already under way finish)', async () => {
    const directory = setUpFolder([row(1, { UsageMB: 'bad' }), ...Array.from({ length: 39 }, (_, index) => row(index + 2))]);
    const run = captureCli({ cwd: directory });
    expect(await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--jobs', '1', '--fail-fast'], run.io)).toBe(1);
    const entries = manifest(path.join(directory, 'out'));
    expect(entries[0]).toMatchObject({ row: 1, verdict: 'rejected' });
    expect(entries.length).toBeLessThan(10);
  });

  it('names the binding that points nowhere and writes nothing', async () => {
    const directory = setUpFolder([row(1)]);
    const bindings = parseBindings(readFileSync(path.join(directory, 'template.bindings.json'), 'utf8'));
    bindings.fields.push({ name: 'WifiKey', xpath: '//sharedKey/keyMaterial', secret: true });
    writeFileSync(path.join(directory, 'template.bindings.json'), JSON.stringify(bindings));
    const run = captureCli({ cwd: directory });
    expect(await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out'], run.io)).toBe(2);
    expect(run.text()).toContain('Binding "WifiKey": //sharedKey/keyMaterial points nowhere in the template');
    expect(existsSync(path.join(directory, 'out'))).toBe(false);
  });

  it('resumes after an interrupted run: no half-written file, finished rows skipped, changed inputs redone', async () => {
    // Enough rows that the batch is still reading when it is stopped (progress is reported every 100 ms).
    const ROWS = 400;
    const rows = Array.from({ length: ROWS }, (_, index) => row(index + 1));
    const directory = setUpFolder(rows);
    const common = {
      templateText: readFileSync(path.join(directory, 'template.xml'), 'utf8'),
      encoding: 'utf-8' as const,
      bindings: parseBindings(readFileSync(path.join(directory, 'template.bindings.json'), 'utf8')),
      dataPath: path.join(directory, 'rows.csv'),
      outputDirectory: path.join(directory, 'out'),
      language: 'en' as const,
      schemaFiles: readSchemaFiles(),
      jobs: 1,
    };
    const controller = new AbortController();
    const first = await runBatch({ ...common, signal: controller.signal, onProgress: (progress) => progress.done >= 3 && controller.abort() });
    expect(first.interrupted).toBe(true);
    const written = first.counts.valid;
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThan(ROWS);
    const outputs = readdirSync(common.outputDirectory);
    expect(outputs.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(outputs.filter((name) => name.endsWith('.xml'))).toHaveLength(written);

    // One finished file is damaged and one row changes: both are redone; the other finished rows are skipped.
    writeFileSync(path.join(common.outputDirectory, '310260000000001.xml'), 'damaged');
    writeFileSync(common.dataPath, [HEADER, ...rows.map((line, index) => (index === 1 ? row(2, { UsageMB: '999' }) : line))].join('\r\n') + '\r\n');
    const second = await runBatch(common);
    expect(second.interrupted).toBe(false);
    expect(second.counts).toEqual({ valid: ROWS - written + 2, unchanged: written - 2, invalid: 0, rejected: 0 });
    expect(readFileSync(path.join(common.outputDirectory, '310260000000002.xml'), 'utf8')).toContain('CurrentUsage="999"');
    expect(manifest(common.outputDirectory)).toHaveLength(ROWS);

    const third = await runBatch(common);
    expect(third.counts).toEqual({ valid: 0, unchanged: ROWS, invalid: 0, rejected: 0 });
    expect(everyFile(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

describe.runIf(toolAvailable('script'))('progress on a terminal', () => {
  it('redraws one line on a real pseudo-terminal: a bar, rows done of the total, rows per second, time left', async () => {
    const directory = setUpFolder(Array.from({ length: 300 }, (_, index) => row(index + 1)));
    const command = [process.execPath, CLI_BIN, 'generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--jobs', '1'];
    // script(1) runs the command on a pseudo-terminal, so stderr is a TTY as in a shell.
    const quoted = command.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qfec', quoted, '/dev/null'], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve)), output).toBe(0);
    const drawn = output.split('\r').map((line) => line.replace(/\x1b\[K/g, '').trim()).filter((line) => line.startsWith('['));
    expect(drawn.length, output).toBeGreaterThan(1);
    for (const line of drawn) expect(line).toMatch(/^\[[#.]{24}\] \d+\/(300|\?) rows · \d+ per second · (\d+:\d\d|\?) left$/);
    expect(drawn.at(-1)).toMatch(/^\[#{24}\] 300\/300 rows · [1-9]\d* per second · 0:00 left$/);
    // Counts only go up, and the total is known before the end.
    const counts = drawn.map((line) => Number(/\] (\d+)\//.exec(line)![1]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(drawn.some((line) => /\] \d+\/300 rows .* \d+:\d\d left$/.test(line) && !line.includes('300/300'))).toBe(true);
    expect(output).toContain('Written: 300');
    expect(output).not.toMatch(/Secret/);
  }, 120_000);
});

describe('the resume journal', () => {
  it('holds one entry per file of the last complete run, written as rows finish (nothing held for the whole run)', async () => {
    const rows = Array.from({ length: 5 }, (_, index) => row(index + 1));
    const directory = setUpFolder(rows);
    const out = path.join(directory, 'out');
    const journal = () => readFileSync(path.join(out, JOURNAL_NAME), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { file: string }).file).sort();
    const generate = async (lines: string[]) => {
      writeFileSync(path.join(directory, 'rows.csv'), [HEADER, ...lines].join('\r\n') + '\r\n');
      const io = captureCli({ cwd: directory });
      expect(await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--jobs', '1'], io.io), io.text()).toBe(0);
      return io.text();
    };
    await generate(rows);
    expect(journal()).toHaveLength(5);
    // A complete run with fewer rows: the journal keeps only its files (written or unchanged).
    expect(await generate(rows.slice(0, 3))).toContain('unchanged: 3');
    expect(journal()).toEqual(['310260000000001.xml', '310260000000002.xml', '310260000000003.xml']);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Rows 4 and 5 are back: their files exist but are no longer vouched for, so they are made again.
    const text = await generate(rows);
    expect(text).toContain('Written: 2');
    expect(text).toContain('unchanged: 3');
    expect(journal()).toHaveLength(5);
  }, 60_000);
});

describe('Ctrl-C on the real command', () => {
  it('stops on SIGINT with exit code 2, no half-written file, manifests written, and a second run resumes', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => row(index + 1));
    const directory = setUpFolder(rows);
    const command = [CLI_BIN, 'generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--jobs', '2'];
    const child = spawn(process.execPath, command, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const out = path.join(directory, 'out');
    await expect.poll(() => existsSync(out) && readdirSync(out).filter((name) => name.endsWith('.xml')).length >= 20, { timeout: 60_000, interval: 50 }).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(2);
    expect(output).toContain('Interrupted: no file is half-written');
    const names = readdirSync(out);
    expect(names.filter((name) => name.includes('.tmp'))).toEqual([]);
    const written = names.filter((name) => name.endsWith('.xml'));
    expect(written.length).toBeLessThan(3000);
    const entries = manifest(out);
    expect(entries.filter((entry) => entry.verdict === 'valid')).toHaveLength(written.length);
    for (const name of written) expect(readFileSync(path.join(out, name), 'utf8')).toMatch(/<\/CarrierProvisioning>\n$/);

    const again = captureCli({ cwd: directory });
    expect(await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out'], again.io)).toBe(0);
    expect(again.text()).toContain(`unchanged: ${written.length}`);
  }, 180_000);
});

describe.runIf(toolAvailable('xmlsec1'))('signed in bulk, verified by xmlsec1', () => {
  it("examples/bulk: the README's two commands make a test key and generate and sign the 1,000 files", () => {
    const directory = temporaryDirectory('provstudio-bulk-example-');
    const env = { KIT_PASSWORD: 'kit-secret-pw' };
    const provstudio = (args: string[]) => runBuiltCli(args, { cwd: directory, env });
    const kit = provstudio(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD']);
    expect(kit.status, kit.stdout + kit.stderr).toBe(0);
    const run = provstudio(['generate', '--template', path.join(EXAMPLE, 'template.xml'), '--data', path.join(EXAMPLE, 'subscribers.csv'), '--out', 'out', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Written: 1000, unchanged: 0, invalid: 0, rejected: 0');
    const entries = manifest(path.join(directory, 'out'));
    expect(entries).toHaveLength(1000);
    for (const entry of [entries[0]!, entries[499]!, entries[999]!]) {
      const verdict = xmlsecVerify(path.join(directory, 'out', entry.file!), path.join(directory, 'kit', 'root.cer'));
      expect(verdict.ok, `${entry.file}: ${verdict.output}`).toBe(true);
    }
    expect(run.stdout + run.stderr).not.toContain('kit-secret-pw');
  }, 180_000);

  it('signs every file with a PFX key (password from the environment, asked once) in the workers', async () => {
    const directory = setUpFolder([row(1), row(2), row(3)]);
    const env = { KIT_PASSWORD: 'kit-secret-pw' };
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], captureCli({ cwd: directory, env }).io)).toBe(0);
    const run = captureCli({ cwd: directory, env });
    expect(await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD', '--jobs', '2'], run.io)).toBe(0);
    expect(run.text()).not.toContain('kit-secret-pw');
    for (const index of [1, 2, 3]) {
      const verdict = xmlsecVerify(path.join(directory, 'out', `31026000000000${index}.xml`), path.join(directory, 'kit', 'root.cer'));
      expect(verdict.ok, verdict.output).toBe(true);
    }
  });

  const softhsm = SOFTHSM_CANDIDATES.find((candidate) => existsSync(candidate));
  it.runIf(softhsm && toolAvailable('softhsm2-util', ['--version']))('signs through one PKCS#11 session on SoftHSM (PIN asked once, key never leaves the token)', async () => {
    const directory = setUpFolder([row(1), row(2), row(3), row(4)]);
    const env = { KIT_PASSWORD: 'kit-secret-pw', TOKEN_PIN: '4321' };
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], captureCli({ cwd: directory, env }).io)).toBe(0);
    const tokens = path.join(directory, 'softhsm', 'tokens');
    mkdirSync(tokens, { recursive: true });
    const config = path.join(directory, 'softhsm', 'softhsm2.conf');
    writeFileSync(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = config;
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { encoding: 'utf8', env: process.env });
      if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
    };
    run('softhsm2-util', ['--init-token', '--free', '--label', 'bulk-test', '--pin', '4321', '--so-pin', '87654321']);
    run('openssl', ['pkcs12', '-in', path.join(directory, 'kit', 'signer.pfx'), '-passin', 'pass:kit-secret-pw', '-nocerts', '-nodes', '-out', path.join(directory, 'key.pem')]);
    run('openssl', ['pkcs12', '-in', path.join(directory, 'kit', 'signer.pfx'), '-passin', 'pass:kit-secret-pw', '-clcerts', '-nokeys', '-out', path.join(directory, 'cert.pem')]);
    run('openssl', ['x509', '-in', path.join(directory, 'cert.pem'), '-outform', 'DER', '-out', path.join(directory, 'cert.der')]);
    run('softhsm2-util', ['--import', path.join(directory, 'key.pem'), '--token', 'bulk-test', '--label', 'signer', '--id', 'c0ffee', '--pin', '4321']);
    run('pkcs11-tool', ['--module', softhsm!, '--login', '--pin', '4321', '--token-label', 'bulk-test', '--write-object', path.join(directory, 'cert.der'), '--type', 'cert', '--id', 'c0ffee', '--label', 'signer']);

    const generating = captureCli({ cwd: directory, env });
    const code = await runCli(['generate', '--template', 'template.xml', '--data', 'rows.csv', '--out', 'out', '--pkcs11-module', softhsm!, '--token-label', 'bulk-test', '--pin-env', 'TOKEN_PIN'], generating.io);
    expect(code, generating.text()).toBe(0);
    for (const index of [1, 2, 3, 4]) {
      const verdict = xmlsecVerify(path.join(directory, 'out', `31026000000000${index}.xml`), path.join(directory, 'kit', 'root.cer'));
      expect(verdict.ok, verdict.output).toBe(true);
    }

    // The PIN is asked once for the whole batch, whatever the number of workers.
    const asked: string[] = [];
    const summary = await runBatch({
      templateText: readFileSync(path.join(directory, 'template.xml'), 'utf8'),
      encoding: 'utf-8',
      bindings: parseBindings(readFileSync(path.join(directory, 'template.bindings.json'), 'utf8')),
      dataPath: path.join(directory, 'rows.csv'),
      outputDirectory: path.join(directory, 'out-2'),
      language: 'en',
      schemaFiles: readSchemaFiles(),
      jobs: 2,
      signing: { choice: { kind: 'pkcs11', modulePath: softhsm!, tokenLabel: 'bulk-test' }, secrets: async (request) => (asked.push(request.kind), '4321'), options: {} },
    });
    expect(summary.counts.valid).toBe(4);
    expect(asked).toEqual(['pin']);
    for (const index of [1, 2, 3, 4]) {
      const verdict = xmlsecVerify(path.join(directory, 'out-2', `31026000000000${index}.xml`), path.join(directory, 'kit', 'root.cer'));
      expect(verdict.ok, verdict.output).toBe(true);
    }
  });
});
