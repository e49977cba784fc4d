// Every template is valid against our schemas, its only lint errors and warnings are the
// placeholders the user must fill in, and it avoids the seed's mistakes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { translate } from '../../../shared/common/i18n/index';
import { TEMPLATES, templateByName } from '../../../shared/common/templates/index';
import { sharedValidator } from '../schema/schema-files';
import { PLACEHOLDER_CODES } from '../../../shared/common/lint/index';
import { captureCli } from '../../support/cli';

const SCENARIOS = [
  'mbn-auto-connect',
  'wifi-open',
  'wispr-basicauth',
  'hotspot-extauth',
  'eap-sim-hotspot2',
  'activation-blob',
  'reconnect-after-provisioning',
  'reregister-after-provisioning',
  'plans-with-usage',
  'usage-only-update',
  'plan-only-update',
  'refresh-trusted-certificates',
  'passpoint-openroaming',
  'eduroam-eap-ttls',
];

describe('templates', () => {
  it('cover every seed scenario, with unique names and translated titles', () => {
    expect(TEMPLATES.map((template) => template.name)).toEqual(SCENARIOS);
    for (const template of TEMPLATES) {
      expect(translate('fr', template.titleKey)).not.toBe(translate('en', template.titleKey));
      expect(translate('pt', template.descriptionKey)).not.toBe(translate('en', template.descriptionKey));
    }
  });

  it.each(TEMPLATES.map((template) => [template.name, template.text, template.target ?? 'windows10'] as const))(
    '%s is valid; its only errors and warnings are placeholders to fill in (from %s on)',
    (_name, text, target) => {
      const result = sharedValidator(target).validate(text);
      const problems = result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info' && !Object.values(PLACEHOLDER_CODES).includes(diagnostic.code as 'PS-L035'));
      expect(problems.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.documentKind).toBe('provisioning');
      // The placeholders every template marks the same way: CarrierId (the nil GUID) and SubscriberId.
      const marked = result.diagnostics.filter((diagnostic) => diagnostic.source === 'lint' && Object.values(PLACEHOLDER_CODES).includes(diagnostic.code as 'PS-L035'));
      expect(marked.map((diagnostic) => `${diagnostic.code} ${diagnostic.params.element}`).slice(0, 2)).toEqual(['PS-L035 CarrierId', 'PS-L036 SubscriberId']);
    },
  );

  it('are free of the published samples\' mistakes', () => {
    for (const template of TEMPLATES) {
      expect(template.text).not.toMatch(/<Username>/);
      expect(template.text).not.toMatch(/EAcomputeronfig/);
      expect(template.text).toMatch(/<Global>/);
      // Hotspot credentials are always inside BasicAuth.
      const hotspot = /<HotspotProfile[\s\S]*?<\/HotspotProfile>/.exec(template.text)?.[0];
      if (hotspot?.includes('<UserName>')) expect(hotspot).toMatch(/<BasicAuth>\s*<UserName>/);
    }
    expect(templateByName('eap-sim-hotspot2')!.text).toContain('<EAPConfig>');
    expect(templateByName('refresh-trusted-certificates')!.text).toContain('<UserName>refreshuser</UserName>');
  });

  it('Passpoint (OpenRoaming) needs Windows 11; eduroam (EAP-TTLS) works on Windows 10 too', () => {
    const passpoint = templateByName('passpoint-openroaming')!;
    expect(passpoint.target).toBe('windows11');
    expect(passpoint.text).toContain('<OUI>5A03BA0000</OUI>');
    const onTen = sharedValidator('windows10').validate(passpoint.text);
    expect(onTen.valid).toBe(false);
    expect(onTen.diagnostics.map((diagnostic) => diagnostic.code)).toContain('PS-L031');
    const eduroam = templateByName('eduroam-eap-ttls')!;
    expect(eduroam.target).toBeUndefined();
    expect(eduroam.text).toContain('<Type xmlns="http://www.microsoft.com/provisioning/EapCommon">21</Type>');
    // No password ships in the file: no clear-text secret finding.
    expect(sharedValidator('windows10').validate(eduroam.text).diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('PS-L005');
  });

  it('plans-with-usage: both profiles reference the plan the file defines', () => {
    const text = templateByName('plans-with-usage')!.text;
    expect(text.match(/<AssociatedPlan>Contoso 5GB<\/AssociatedPlan>/g)).toHaveLength(2);
    const lint = sharedValidator().validate(text).diagnostics.filter((diagnostic) => diagnostic.source === 'lint');
    expect(lint.map((diagnostic) => diagnostic.code)).not.toContain('PS-L001');
    expect(lint.map((diagnostic) => diagnostic.code)).not.toContain('PS-L002');
  });
});

describe('provstudio new', () => {
  it('--list prints one template name per line', async () => {
    const capture = captureCli();
    expect(await runCli(['new', '--list'], capture.io)).toBe(0);
    expect(capture.out()).toBe(SCENARIOS.map((name) => `${name}\n`).join(''));
  });

  it('--template NAME -o FILE writes the template, refuses to overwrite without --force', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-new-'));
    const capture = captureCli({ cwd: directory });
    expect(await runCli(['new', '--template', 'wifi-open', '-o', 'wifi.xml'], capture.io)).toBe(0);
    expect(readFileSync(path.join(directory, 'wifi.xml'), 'utf8')).toBe(templateByName('wifi-open')!.text);
    writeFileSync(path.join(directory, 'keep.xml'), 'mine');
    const again = captureCli({ cwd: directory });
    expect(await runCli(['new', '--template', 'wifi-open', '-o', 'keep.xml'], again.io)).toBe(2);
    expect(again.err()).toContain('already exists');
    expect(readFileSync(path.join(directory, 'keep.xml'), 'utf8')).toBe('mine');
    expect(await runCli(['new', '--template', 'wifi-open', '-o', 'keep.xml', '--force'], captureCli({ cwd: directory }).io)).toBe(0);
    expect(readFileSync(path.join(directory, 'keep.xml'), 'utf8')).toBe(templateByName('wifi-open')!.text);
  });

  it('exits 2 on an unknown template or a missing -o', async () => {
    const unknown = captureCli();
    expect(await runCli(['new', '--template', 'nope', '-o', 'x.xml'], unknown.io)).toBe(2);
    expect(unknown.err()).toContain('Unknown template "nope"');
    const noOutput = captureCli();
    expect(await runCli(['new', '--template', 'wifi-open'], noOutput.io)).toBe(2);
    expect(await runCli(['new'], captureCli().io)).toBe(2);
  });
});
