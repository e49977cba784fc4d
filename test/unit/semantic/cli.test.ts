// The semantic subcommands through the real CLI entry point (runCli), on files written to a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/command';
import { runCli } from '../../../cli/main';
import { translate, type MessageKey } from '../../../shared/common/i18n/index';
import { templateByName } from '../../../shared/common/templates/index';

export function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    cwd,
    t: (key: MessageKey, params) => translate('en', key, params),
    interrupted: new Promise(() => undefined),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const folder = mkdtempSync(path.join(tmpdir(), 'provstudio-semantic-'));
writeFileSync(path.join(folder, 'plans.xml'), templateByName('plans-with-usage')!.text);
writeFileSync(path.join(folder, 'broken.xml'), '<CarrierProvisioning>\n  <Global>\n');

describe('provstudio explain', () => {
  it('prints one sentence per element with its line and column', async () => {
    const capture = captureIo(folder);
    expect(await runCli(['explain', 'plans.xml'], capture.io)).toBe(0);
    expect(capture.out()).toMatch(/ {3}9:5 {3}Sets the mobile-broadband default profile 'Contoso Mobile Broadband' \(APN internet\.contoso\.com\)\./);
    expect(capture.out()).toContain("Applies plan 'Contoso 5GB'");
  });

  it('speaks French with LANG=fr and gives JSON with ranges', async () => {
    const capture = captureIo(folder, { LANG: 'fr_FR.UTF-8' });
    expect(await runCli(['explain', 'plans.xml', '--format', 'json'], capture.io)).toBe(0);
    const json = JSON.parse(capture.out()) as { language: string; sentences: { text: string; range: { start: { line: number } } }[] };
    expect(json.language).toBe('fr');
    expect(json.sentences.find((sentence) => sentence.text.startsWith('Définit le profil haut débit mobile par défaut'))?.range.start.line).toBe(9);
  });

  it('exits 1 with a location for a malformed file and 2 for usage errors', async () => {
    const broken = captureIo(folder);
    expect(await runCli(['explain', 'broken.xml'], broken.io)).toBe(1);
    expect(broken.err()).toMatch(/broken\.xml:\d+:\d+: not a provisioning file/);
    const usage = captureIo(folder);
    expect(await runCli(['explain'], usage.io)).toBe(2);
    const missing = captureIo(folder);
    expect(await runCli(['explain', 'nope.xml'], missing.io)).toBe(2);
  });
});
