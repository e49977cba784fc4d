import { describe, expect, it } from 'vitest';
import { mapResultsToSource } from '../../../shared/common/results/mapping';
import { allNodes, readResults } from '../../../shared/common/results/reader';
import { parseXml } from '../../../shared/common/xml/parse';
import { RESULTS_FIXTURES, fixture } from './helpers';

const source = fixture(RESULTS_FIXTURES, 'source-similar-names.xml');
const model = readResults(fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml'));
const mapping = mapResultsToSource(model, source);
const byName = (name: string) => allNodes(model.root).find((node) => node.name === name);
const sourceLine = (needle: string) => source.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('mapping results to the source file', () => {
  it('links profiles by exact name, never by prefix or index', () => {
    // The source lists them in the opposite order: "Contoso Wi-Fi 2", "Contoso Wi-Fi", "Contoso".
    const links = ['Contoso', 'Contoso Wi-Fi', 'Contoso Wi-Fi 2'].map((name) => mapping.links[byName(name)!.id]);
    expect(links.map((link) => link?.how)).toEqual(['name', 'name', 'name']);
    // Each WLANProfile start tag is two lines above its <name>.
    expect(links[0]?.range.start.line).toBe(sourceLine('<name>Contoso</name>') - 1);
    expect(links[1]?.range.start.line).toBe(sourceLine('<name>Contoso Wi-Fi</name>') - 1);
    expect(links[2]?.range.start.line).toBe(sourceLine('<name>Contoso Wi-Fi 2</name>') - 1);
    expect(new Set(links.map((link) => link?.range.start.offset)).size).toBe(3);
  });

  it('reports the profile the source does not have', () => {
    const missing = byName('Fabrikam Guest')!;
    expect(mapping.links[missing.id]).toBeUndefined();
    const finding = mapping.findings.find((candidate) => candidate.code === 'results.finding.mapMissingNamed');
    expect(finding).toMatchObject({ severity: 'warning', file: 'result', params: { element: 'WLANProfile', name: 'Fabrikam Guest' } });
    expect(finding?.range).toEqual(missing.nameRange);
  });

  it('links sections and unnamed items, and items without a source element of their own to their parent', () => {
    const id = (element: string) => allNodes(model.root).find((node) => node.element === element)!.id;
    expect(mapping.links[id('Issuer')]).toMatchObject({ element: 'CarrierId', how: 'element' });
    expect(mapping.links[id('WLANProfiles')]).toMatchObject({ element: 'WLANProfiles', how: 'element' });
    expect(mapping.links[id('DefaultProfile')]).toMatchObject({ element: 'DefaultProfile', how: 'element' });
    expect(mapping.links[id('Subject')]).toBeUndefined(); // Signature is not in this source: nothing to point at
    const activationMissing = mapping.findings.find((finding) => finding.code === 'results.finding.mapMissing' && finding.params.element === 'Activation');
    expect(activationMissing).toBeDefined();
  });

  it('accepts an already parsed source document', () => {
    const parsed = parseXml(source);
    if (!parsed.ok) throw new Error('fixture must parse');
    expect(mapResultsToSource(model, parsed.document).links).toEqual(mapping.links);
  });

  it('duplicates: in order, with a finding', () => {
    const duplicateSource = source.replace('<name>Contoso</name>', '<name>Contoso Wi-Fi</name>');
    const twice = readResults(
      '<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/v1"><WLANProfiles>' +
        '<WLANProfile Name="Contoso Wi-Fi" errorCode="00000000"/><WLANProfile Name="Contoso Wi-Fi" errorCode="80070005"/><WLANProfile Name="Contoso Wi-Fi" errorCode="80070005"/>' +
        '</WLANProfiles></CarrierProvisioningResult>',
    );
    const result = mapResultsToSource(twice, duplicateSource);
    const profiles = allNodes(twice.root).filter((node) => node.element === 'WLANProfile');
    const [first, second, third] = profiles.map((node) => result.links[node.id]);
    expect(first?.range.start.offset).not.toBe(second?.range.start.offset);
    expect(third?.range.start.offset).toBe(second?.range.start.offset);
    expect(result.findings.map((finding) => finding.code)).toEqual(expect.arrayContaining(['results.finding.mapDuplicateInSource', 'results.finding.mapDuplicateInResults']));
  });

  it('a name differing only in case is linked with a warning', () => {
    const cased = readResults(
      '<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/v1"><WLANProfiles><WLANProfile Name="contoso wi-fi 2" errorCode="00000000"/></WLANProfiles></CarrierProvisioningResult>',
    );
    const result = mapResultsToSource(cased, source);
    const profile = allNodes(cased.root).find((node) => node.element === 'WLANProfile')!;
    expect(result.links[profile.id]?.how).toBe('nameIgnoringCase');
    expect(result.findings.find((finding) => finding.code === 'results.finding.mapNameCase')?.params.sourceName).toBe('Contoso Wi-Fi 2');
  });

  it('plans, v2 named MBN profiles, and a different Issuer', () => {
    const v2 = readResults(fixture(RESULTS_FIXTURES, 'mixed-v2.valid.xml').replace('{00000000-1111-2222-3333-444444444444}', '{99999999-1111-2222-3333-444444444444}'));
    const result = mapResultsToSource(v2, source);
    const node = (name: string) => allNodes(v2.root).find((candidate) => candidate.name === name)!;
    expect(result.links[node('Contoso 5GB').id]).toMatchObject({ element: 'Plan', how: 'name' });
    expect(result.links[node('Contoso LTE').id]).toMatchObject({ element: 'DefaultProfile', how: 'name' });
    expect(result.links[node('Contoso Unlimited').id]).toBeUndefined();
    expect(result.findings.map((finding) => finding.code)).toContain('results.finding.mapValueMismatch');
  });

  it('a malformed or wrong source gives one finding in the source file', () => {
    const malformed = mapResultsToSource(model, '<CarrierProvisioning><a>');
    expect(malformed).toMatchObject({ sourceReadable: false, links: {} });
    expect(malformed.findings[0]?.file).toBe('source');
    const wrong = mapResultsToSource(model, fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml'));
    expect(wrong.findings[0]).toMatchObject({ code: 'results.finding.sourceNotProvisioning', file: 'source' });
  });
});
