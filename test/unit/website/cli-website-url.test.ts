// provstudio website url build|parse: exit 0 when every field is valid, 1 on an invalid field, 2 on usage errors.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { captureCli } from '../../support/cli';

describe('provstudio website url', () => {
  it('builds the URL and exits 0 when every field is valid', async () => {
    const capture = captureCli();
    const code = await runCli(['website', 'url', 'build', '--base', 'https://shop.example.com/go', '--subid', '208011234567890', '--devid', '490154203237518', '--iccid', '89331503191000000085'], capture.io);
    expect(code).toBe(0);
    expect(capture.out()).toContain('https://shop.example.com/go?SubId=208011234567890&DevId=490154203237518&IccId=89331503191000000085');
    expect(capture.out()).toContain('TAC 49015420');
  });

  it('exits 1 on an invalid field and names the Luhn failure, in the chosen language', async () => {
    const capture = captureCli({ language: 'fr' });
    const code = await runCli(['website', 'url', 'build', '--base', 'https://shop.example.com/', '--iccid', '89331503191000000084'], capture.io);
    expect(code).toBe(1);
    expect(capture.out()).toContain('Chiffre de contrôle de l’ICCID erroné (Luhn)');
  });

  it('parses a URL to JSON with stable finding codes', async () => {
    const capture = captureCli();
    const code = await runCli(['website', 'url', 'parse', 'https://shop.example.com/?SubId=208011234567890&DevId=A0000000002329', '--format', 'json'], capture.io);
    expect(code).toBe(1);
    const report = JSON.parse(capture.out()) as { findings: { code: string }[]; subscriber: { mcc: string } };
    expect(report.subscriber.mcc).toBe('208');
    expect(report.findings.map((item) => item.code)).toContain('devid-class-clash');
  });

  it.each([
    [['website']],
    [['website', 'url']],
    [['website', 'url', 'build']],
    [['website', 'url', 'build', '--base', 'https://x.example/', 'extra']],
    [['website', 'url', 'build', '--base', 'https://x.example/', '--format', 'xml']],
    [['website', 'url', 'parse']],
    [['website', 'url', 'parse', 'https://x.example/', '--bogus']],
  ])('exits 2 on a usage error: %j', async (args) => {
    const capture = captureCli();
    expect(await runCli(args, capture.io)).toBe(2);
    expect(capture.err()).toContain('provstudio website url build');
  });
});
