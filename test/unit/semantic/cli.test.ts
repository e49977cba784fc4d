// The semantic subcommands through the real CLI entry point (runCli), on files written to a temp folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { templateByName } from '../../../shared/common/templates/index';
import { captureCli } from '../../support/cli';

const folder = mkdtempSync(path.join(tmpdir(), 'provstudio-semantic-'));
writeFileSync(path.join(folder, 'plans.xml'), templateByName('plans-with-usage')!.text);
writeFileSync(path.join(folder, 'broken.xml'), '<CarrierProvisioning>\n  <Global>\n');

describe('provstudio explain', () => {
  it('prints one sentence per element with its line and column', async () => {
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['explain', 'plans.xml'], capture.io)).toBe(0);
    expect(capture.out()).toMatch(/ {3}9:5 {3}Sets the mobile-broadband default profile 'Contoso Mobile Broadband' \(APN internet\.contoso\.com\)\./);
    expect(capture.out()).toContain("Applies plan 'Contoso 5GB'");
  });

  it('speaks French with LANG=fr and gives JSON with ranges', async () => {
    const capture = captureCli({ cwd: folder, env: { LANG: 'fr_FR.UTF-8' } });
    expect(await runCli(['explain', 'plans.xml', '--format', 'json'], capture.io)).toBe(0);
    const json = JSON.parse(capture.out()) as { language: string; sentences: { text: string; range: { start: { line: number } } }[] };
    expect(json.language).toBe('fr');
    expect(json.sentences.find((sentence) => sentence.text.startsWith('Définit le profil haut débit mobile par défaut'))?.range.start.line).toBe(9);
  });

  it('exits 1 with a location for a malformed file and 2 for usage errors', async () => {
    const broken = captureCli({ cwd: folder });
    expect(await runCli(['explain', 'broken.xml'], broken.io)).toBe(1);
    expect(broken.err()).toMatch(/broken\.xml:\d+:\d+: not a provisioning file/);
    const usage = captureCli({ cwd: folder });
    expect(await runCli(['explain'], usage.io)).toBe(2);
    const missing = captureCli({ cwd: folder });
    expect(await runCli(['explain', 'nope.xml'], missing.io)).toBe(2);
  });
});

describe('provstudio dry-run and inspect --expected', () => {
  it('prints each prediction with its rule, writes a predicted results file, exit 0 when all applies', async () => {
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'plans.xml', '-o', 'predicted.xml'], capture.io)).toBe(0);
    expect(capture.out()).toContain("Creates or updates the Wi-Fi profile 'Contoso Hotspot'.");
    expect(capture.out()).toContain('rule: Account provisioning, Wi-Fi information: a profile on the PC that the file no longer lists is deleted.');
    expect(readFileSync(path.join(folder, 'predicted.xml'), 'utf8')).toContain('<WLANProfile Name="Contoso Hotspot" errorCode="00000000"/>');
  });

  it('exits 1 with the HRESULT when Windows would refuse the file (web site, unsigned)', async () => {
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'plans.xml', '--source', 'website', '--format', 'json'], capture.io)).toBe(1);
    const json = JSON.parse(capture.out()) as { outcome: string; exception: string; lines: { hresult?: string; symbol?: string }[]; resultXml: string };
    expect(json).toMatchObject({ outcome: 'rejected', exception: '8217000e' });
    expect(json.lines[0]).toMatchObject({ hresult: '8217000e', symbol: 'PROVCORE_E_XML_MISSING_SIGNATURE' });
  });

  it('compares against --previous and rejects unknown choices', async () => {
    writeFileSync(path.join(folder, 'previous.xml'), templateByName('plans-with-usage')!.text.replace('<name>Contoso Hotspot</name>', '<name>Old Hotspot</name>'));
    const capture = captureCli({ cwd: folder });
    await runCli(['dry-run', 'plans.xml', '--previous', 'previous.xml'], capture.io);
    expect(capture.out()).toContain("Deletes the Wi-Fi profile 'Old Hotspot' from the PC.");
    const usage = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'plans.xml', '--sim', 'maybe'], usage.io)).toBe(2);
    expect(usage.err()).toContain('Unknown value "maybe" for --sim');
  });

  it('inspect --expected lists every difference between returned and predicted results (exit 1), none for the same file (exit 0)', async () => {
    await runCli(['dry-run', 'plans.xml', '-o', 'expected.xml'], captureCli({ cwd: folder }).io);
    const predicted = readFileSync(path.join(folder, 'expected.xml'), 'utf8');
    writeFileSync(path.join(folder, 'returned.xml'), predicted.replace('<WLANProfile Name="Contoso Hotspot" errorCode="00000000"/>', '<WLANProfile Name="Contoso Hotspot" errorCode="80070005"/>\n    <WLANProfile Name="Extra" errorCode="00000000"/>').replace(/\s*<DefaultProfile[^>]*>/, ''));
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['inspect', 'returned.xml', '--expected', 'expected.xml'], capture.io)).toBe(1);
    expect(capture.out()).toContain('3 differences.');
    expect(capture.out()).toContain("WLANProfiles/WLANProfile[@Name='Contoso Hotspot']: expected 00000000, returned 80070005");
    expect(capture.out()).toContain("WLANProfiles/WLANProfile[@Name='Extra']: returned 00000000, not expected");
    expect(capture.out()).toContain('MBNProfiles/DefaultProfile: expected 00000000, not in the returned results');
    const html = captureCli({ cwd: folder });
    expect(await runCli(['inspect', 'returned.xml', '--expected', 'expected.xml', '--format', 'html'], html.io)).toBe(1);
    expect(html.out()).toMatch(/<section id="expected"><h2>Compared with the expected results expected\.xml:<\/h2><p>3 differences\.<\/p><ul>(<li>[^<]+<\/li>){3}<\/ul><\/section><\/body><\/html>\n$/);
    const markdown = captureCli({ cwd: folder });
    await runCli(['inspect', 'returned.xml', '--expected', 'expected.xml', '--format', 'md'], markdown.io);
    expect(markdown.out()).toContain("\n## Compared with the expected results expected.xml:\n3 differences.\n- ");
    const same = captureCli({ cwd: folder });
    expect(await runCli(['inspect', 'expected.xml', '--expected', 'expected.xml', '--format', 'json'], same.io)).toBe(0);
    expect((JSON.parse(same.out()) as { expected: { differences: unknown[] } }).expected.differences).toEqual([]);
  });
});

describe('provstudio diff', () => {
  it('exit 1 when a change deletes profiles from PCs, 0 otherwise; text, md and json', async () => {
    const text = templateByName('plans-with-usage')!.text;
    writeFileSync(path.join(folder, 'old.xml'), text);
    writeFileSync(path.join(folder, 'renamed.xml'), text.replace('<name>Contoso Hotspot</name>\n      <AssociatedPlan>', '<name>Contoso Hotspot Plus</name>\n      <AssociatedPlan>'));
    writeFileSync(path.join(folder, 'emptied.xml'), text.replace(/<WLANProfiles>[\s\S]*<\/WLANProfiles>/, '<WLANProfiles/>'));
    const renamed = captureCli({ cwd: folder });
    expect(await runCli(['diff', 'old.xml', 'renamed.xml'], renamed.io)).toBe(0);
    expect(renamed.out()).toContain("Wi-Fi profile 'Contoso Hotspot' renamed to 'Contoso Hotspot Plus'");
    const emptied = captureCli({ cwd: folder });
    expect(await runCli(['diff', 'old.xml', 'emptied.xml', '--format', 'md'], emptied.io)).toBe(1);
    expect(emptied.out()).toMatch(/^## Changes from old\.xml to emptied\.xml/);
    expect(emptied.out()).toContain("**Some changes delete profiles from customers' PCs.**");
    const json = captureCli({ cwd: folder });
    expect(await runCli(['diff', 'old.xml', 'old.xml', '--format', 'json'], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ verdict: 'identical', entries: [] });
    expect(await runCli(['diff', 'old.xml'], captureCli({ cwd: folder }).io)).toBe(2);
    expect(await runCli(['diff', 'old.xml', 'broken.xml'], captureCli({ cwd: folder }).io)).toBe(1);
  });
});

describe('provstudio dry-run --trusted with a real signature', () => {
  it('an EV signer under a root given with --trusted applies after consent; without it the chain is untrusted (82170004)', async () => {
    const { issueTestCertificate } = await import('../../../shared/node/signing/test-ev-kit');
    const { sign } = await import('../../../shared/node/signing/sign');
    const { signerFor } = await import('../signing/support');
    const root = await issueTestCertificate({ subject: 'CN=CLI Dry Run Root', certificateAuthority: true });
    const signer = await issueTestCertificate({ subject: 'CN=CLI EV Signer, O=Contoso', issuer: root, ev: true });
    writeFileSync(path.join(folder, 'root.cer'), root.der);
    writeFileSync(path.join(folder, 'signed.xml'), await sign(new TextEncoder().encode(templateByName('wifi-open')!.text), signerFor(signer, [root.der])));
    const trusted = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'signed.xml', '--source', 'website', '--trusted', 'root.cer'], trusted.io)).toBe(0);
    expect(trusted.out()).toContain('Windows asks the user to accept the signer CN=CLI EV Signer, O=Contoso the first time; if the user declines, the call fails with 82170006.');
    expect(trusted.out()).toContain('Signature required: yes. EV certificate required: yes. User asked for consent: yes.');
    const untrusted = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'signed.xml', '--source', 'website', '-o', 'refused.xml'], untrusted.io)).toBe(1);
    expect(untrusted.out()).toContain('[82170004 PROVCORE_E_XML_SIGNATURE_UNTRUSTED]');
    expect(readFileSync(path.join(folder, 'refused.xml'), 'utf8')).toContain('<Signature errorCode="82170004"/>');
    const badCertificate = captureCli({ cwd: folder });
    expect(await runCli(['dry-run', 'signed.xml', '--trusted', 'plans.xml'], badCertificate.io)).toBe(2);
    expect(badCertificate.err()).toContain('Cannot read the certificate');
  }, 60_000);
});
