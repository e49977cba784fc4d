// EAP settings. EAP-SIM / EAP-AKA: read from the EAP-SIM template, rewritten for each method and option,
// read back the same, and the file stays valid.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EAP_SETTINGS,
  EAP_METHODS,
  anonymousIdentityProblem,
  defaultSettings,
  eapHostConfigText,
  eapSettingsCoverBlock,
  eapSettingsProblems,
  normaliseThumbprint,
  readEapSettings,
  serverNamesProblem,
  thumbprintProblem,
  type EapSettings,
  type TlsSettings,
  type TtlsSettings,
} from '../../../shared/common/forms/eap';
import { templateByName } from '../../../shared/common/templates/index';
import { parseXml } from '../../../shared/common/xml/parse';
import type { XmlDocumentNode, XmlElementNode } from '../../../shared/common/xml/model';
import { sharedValidator } from '../schema/schema-files';

function eapConfigOf(document: XmlDocumentNode): XmlElementNode {
  const find = (element: XmlElementNode): XmlElementNode | undefined =>
    element.localName === 'EAPConfig' ? element : element.children.flatMap((node) => (node.kind === 'element' ? [find(node)] : [])).find(Boolean);
  return find(document.root)!;
}

function parse(text: string): XmlDocumentNode {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

/** Replaces the EAPConfig content the way the form's widget does. */
function withSettings(text: string, settings: EapSettings): string {
  const eapConfig = eapConfigOf(parse(text));
  const block = `\n${eapHostConfigText(settings, '              ', '  ', '\n')}\n            `;
  return text.slice(0, eapConfig.startTagEnd) + block + text.slice(eapConfig.endTagStart);
}

describe('EAP-SIM / EAP-AKA settings', () => {
  const template = templateByName('eap-sim-hotspot2')!.text;

  it('reads the EAP-SIM template (Microsoft method: type 18, author 311)', () => {
    expect(template).toContain('<AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">311</AuthorId>');
    expect(readEapSettings(eapConfigOf(parse(template)))).toMatchObject({ method: 'sim', realmEnabled: true });
  });

  it.each([
    { ...DEFAULT_EAP_SETTINGS, method: 'sim' as const, useStrongCipherKeys: true, dontRevealPermanentId: true },
    { ...DEFAULT_EAP_SETTINGS, method: 'aka' as const, realmEnabled: false, providerName: 'Contoso & Co' },
  ])('writes $method settings that read back the same and keep the file valid', (settings) => {
    const text = withSettings(template, settings);
    expect(text).toContain(`>${EAP_METHODS[settings.method].type}</Type>`);
    expect(text).toContain(`<${EAP_METHODS[settings.method].element} xmlns="${EAP_METHODS[settings.method].namespace}">`);
    const read = readEapSettings(eapConfigOf(parse(text)));
    expect(read).toEqual({ ...settings, useStrongCipherKeys: settings.method === 'sim' && settings.useStrongCipherKeys });
    expect(sharedValidator().validate(text, { lint: false }).valid).toBe(true);
  });

  it('does not claim other EAP methods', () => {
    const other = template.replace('>18</Type>', '>25</Type>');
    expect(readEapSettings(eapConfigOf(parse(other)))).toBeNull();
  });
});

// EAP-TTLS and EAP-TLS: the eduroam and OpenRoaming templates and a real Passpoint file made with
// hgot07/PasspointProvisioningTools read into settings that cover the whole block and write back
// the same elements; every option written reads back the same; values are checked.
describe('EAP-TTLS / EAP-TLS settings', () => {
  const cases = [
    { name: 'eduroam template (EAP-TTLS, MSCHAPv2 inside)', text: templateByName('eduroam-eap-ttls')!.text, method: 'ttls' },
    { name: 'Passpoint OpenRoaming template (EAP-TLS)', text: templateByName('passpoint-openroaming')!.text, method: 'tls' },
    {
      name: 'hgot07 Passpoint file (EAP-TTLS, MSCHAP, TrustedRootCAHash with spaces)',
      text: readFileSync(path.join(import.meta.dirname, '../../fixtures/passpoint/hgot07-passpoint-win-eap-ttls.xml'), 'utf8'),
      method: 'ttls',
    },
  ];

  /** The EapHostConfig element's markup with white space between tags removed. */
  function hostConfigMarkup(text: string): string {
    const eapConfig = eapConfigOf(parse(text));
    return text.slice(eapConfig.startTagEnd, eapConfig.endTagStart).replace(/>\s+</g, '><').trim();
  }

  it.each(cases)('$name: read, covered, and written back element for element', ({ text, method }) => {
    const eapConfig = eapConfigOf(parse(text));
    const settings = readEapSettings(eapConfig)!;
    expect(settings.method).toBe(method);
    expect(eapSettingsCoverBlock(eapConfig, settings)).toBe(true);
    // Same elements, same values, same order (the original writes xmlns on Config or not; both mean the same).
    const rewritten = hostConfigMarkup(withSettings(text, settings)).replace('<Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">', '<Config>');
    expect(rewritten).toBe(hostConfigMarkup(text).replace('<Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">', '<Config>'));
  });

  it('reads the hgot07 file as Windows writes it', () => {
    const settings = readEapSettings(eapConfigOf(parse(cases[2]!.text))) as TtlsSettings;
    expect(settings).toMatchObject({
      serverNames: 'idp.example.com',
      trustedRootCaHashes: ['ca bd 2a 79 a1 07 6a 31 f2 1d 25 36 35 cb 03 9d 43 29 a5 e8'],
      hashElement: 'TrustedRootCAHash',
      disablePrompt: false,
      innerMethod: 'mschap',
      identityPrivacy: true,
      anonymousIdentity: 'anonymous@example.com',
    });
    expect(eapSettingsProblems(settings)).toEqual([]);
  });

  const ttls: TtlsSettings[] = [
    { ...(defaultSettings('ttls') as TtlsSettings), serverNames: 'radius.example.edu;radius2.example.edu', trustedRootCaHashes: [normaliseThumbprint('CABD2A79A1076A31F21D253635CB039D4329A5E8')], anonymousIdentity: '@example.edu' },
    { ...(defaultSettings('ttls') as TtlsSettings), innerMethod: 'pap', useWinlogonCredentials: undefined, identityPrivacy: false, disablePrompt: undefined, hashElement: 'TrustedRootCAHashes', trustedRootCaHashes: ['00112233445566778899aabbccddeeff00112233'] },
    { ...(defaultSettings('ttls') as TtlsSettings), innerMethod: 'chap', useWinlogonCredentials: undefined, serverNames: undefined, anonymousIdentity: undefined, identityPrivacy: undefined },
    { ...(defaultSettings('ttls') as TtlsSettings), useWinlogonCredentials: true, anonymousIdentity: 'anon & co@example.edu' },
  ];
  const tls: TlsSettings[] = [
    { ...(defaultSettings('tls') as TlsSettings), serverNames: 'radius.example.com', trustedRootCas: ['ca bd 2a 79 a1 07 6a 31 f2 1d 25 36 35 cb 03 9d 43 29 a5 e8', '00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33'] },
    { ...(defaultSettings('tls') as TlsSettings), credentialsSource: 'smartCard', simpleCertSelection: undefined, differentUsername: true },
    { ...(defaultSettings('tls') as TlsSettings), simpleCertSelection: undefined, disableUserPrompt: undefined, differentUsername: undefined, serverNames: undefined },
    { ...(defaultSettings('tls') as TlsSettings), credentialsSource: undefined, simpleCertSelection: undefined, disableUserPrompt: false },
  ];

  it.each([...ttls, ...tls].map((settings, index) => ({ index, settings })))('option set $index writes a block that reads back the same, covered, and the file stays valid', ({ settings }) => {
    const text = withSettings(templateByName('eduroam-eap-ttls')!.text, settings);
    const eapConfig = eapConfigOf(parse(text));
    expect(readEapSettings(eapConfig)).toEqual(settings);
    expect(eapSettingsCoverBlock(eapConfig, settings)).toBe(true);
    expect(sharedValidator().validate(text, { lint: false }).valid).toBe(true);
  });

  it('a block with content the form does not show is not covered (an inner EAP method, TLS extensions, a comment)', () => {
    const template = templateByName('eduroam-eap-ttls')!.text;
    const inner = template.replace(
      /<MSCHAPv2Authentication>[\s\S]*?<\/MSCHAPv2Authentication>/,
      '<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1"><Type>26</Type></Eap>',
    );
    const comment = template.replace('<Phase1Identity>', '<!-- outer identity --><Phase1Identity>');
    const extension = templateByName('passpoint-openroaming')!.text.replace(
      '<DifferentUsername>false</DifferentUsername>',
      '<DifferentUsername>false</DifferentUsername><PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>',
    );
    for (const text of [inner, comment, extension]) {
      const eapConfig = eapConfigOf(parse(text));
      expect(eapSettingsCoverBlock(eapConfig, readEapSettings(eapConfig)!)).toBe(false);
    }
  });

  it('checks thumbprints, server names and the outer identity', () => {
    expect(thumbprintProblem('CA:BD:2A:79:A1:07:6A:31:F2:1D:25:36:35:CB:03:9D:43:29:A5:E8')).toBeNull();
    expect(thumbprintProblem('ca bd 2a')).toMatchObject({ messageKey: 'forms.eap.problem.thumbprintLength', params: { count: 6 } });
    expect(thumbprintProblem('zz'.repeat(20))).toMatchObject({ messageKey: 'forms.eap.problem.thumbprintHex' });
    // A SHA-256 thumbprint is not what this element takes (SHA-1).
    expect(thumbprintProblem('ab'.repeat(32))).toMatchObject({ messageKey: 'forms.eap.problem.thumbprintLength', params: { count: 64 } });
    expect(normaliseThumbprint('CA:BD:2A:79:A1:07:6A:31:F2:1D:25:36:35:CB:03:9D:43:29:A5:E8')).toBe('ca bd 2a 79 a1 07 6a 31 f2 1d 25 36 35 cb 03 9d 43 29 a5 e8');
    expect(serverNamesProblem('a.example;b.example')).toBeNull();
    expect(serverNamesProblem('a.example;;b.example')).toMatchObject({ messageKey: 'forms.eap.problem.serverNameEmpty' });
    expect(serverNamesProblem('a.example;b example')).toMatchObject({ messageKey: 'forms.eap.problem.serverNameSpace', params: { value: 'b example' } });
    expect(anonymousIdentityProblem('@example.edu')).toBeNull();
    expect(anonymousIdentityProblem('anonymous@')).toMatchObject({ messageKey: 'forms.eap.problem.anonymousIdentity' });
    expect(anonymousIdentityProblem('a b@example.edu')).toMatchObject({ messageKey: 'forms.eap.problem.anonymousIdentity' });
    const unpinned = { ...(defaultSettings('tls') as TlsSettings), serverNames: '' };
    expect(eapSettingsProblems(unpinned)).toEqual([expect.objectContaining({ severity: 'warning', messageKey: 'forms.eap.problem.serverNotPinned' })]);
  });
});
