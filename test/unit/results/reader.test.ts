import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allNodes, findNode, readResults } from '../../../shared/common/results/reader';
import type { ResultsModel } from '../../../shared/common/results/types';
import { compareResults } from '../../../shared/common/results/compare';
import { CORPUS_RESULTS, MALFORMED, RESULTS_FIXTURES, ROOT, fixture, validatorForTests } from './helpers';

const codes = (model: ResultsModel) => model.findings.map((finding) => finding.code);
const node = (model: ResultsModel, id: string) => findNode(model.root, id);

describe('the seed’s results examples', () => {
  it('verbatim (curly quotes): an error at the first curly quote, with the straight-quotes suggestion', () => {
    const model = readResults(fixture(MALFORMED, 'results-curly-quotes.xml'));
    expect(model.wellFormed).toBe(false);
    expect(model.failed).toBe(true);
    expect(model.findings).toHaveLength(1);
    const [finding] = model.findings;
    expect(finding).toMatchObject({ code: 'results.finding.curlyQuotes', severity: 'error', suggestionKey: 'results.suggest.straightQuotes', params: { character: '\u201D', count: 2 } });
    // Line 4: `    <WLANProfiles ErrorCode=”80070426”/>`, the quote after "=" is column 29.
    expect(finding?.range.start).toMatchObject({ line: 4, column: 29 });
  });

  it('verbatim second example: the first curly quote is the one before MyProfile', () => {
    const model = readResults(fixture(MALFORMED, 'results-curly-quotes-wlanprofile.xml'));
    const [finding] = model.findings;
    expect(finding?.code).toBe('results.finding.curlyQuotes');
    expect(finding?.range.start).toMatchObject({ line: 5, column: 27 });
    expect(finding?.params.count).toBe(4);
  });

  it('corrected forms decode: WLANProfiles 80070426, WLANProfile 80070005', () => {
    const first = readResults(fixture(CORPUS_RESULTS, 'seed-wlanprofiles-errorcode.valid.xml'), { validator: validatorForTests() });
    expect(first.schema).toEqual({ checked: true, valid: true });
    expect(first.findings).toEqual([]);
    const section = node(first, '/CarrierProvisioningResult[1]/WLANProfiles[1]');
    expect(section).toMatchObject({ outcome: 'failed', errorCode: '80070426', decoded: { symbol: 'ERROR_SERVICE_NOT_ACTIVE' } });
    expect(first.sections.find((summary) => summary.section === 'WLANProfiles')?.outcome).toBe('failed');

    const second = readResults(fixture(CORPUS_RESULTS, 'seed-wlanprofile-name.valid.xml'), { validator: validatorForTests() });
    expect(second.schema.valid).toBe(true);
    const profile = allNodes(second.root).find((candidate) => candidate.element === 'WLANProfile');
    expect(profile).toMatchObject({ name: 'MyProfile', errorCode: '80070005', decoded: { symbol: 'E_ACCESSDENIED' } });
  });

  it('the seed spelling as written but well-formed (no namespace, ErrorCode) still decodes, with findings', () => {
    const text = '<CarrierProvisioningResult>\n    <WLANProfiles ErrorCode="80070426"/>\n</CarrierProvisioningResult>\n';
    const model = readResults(text, { validator: validatorForTests() });
    expect(model.version).toBe('v1');
    expect(codes(model)).toEqual(expect.arrayContaining(['results.finding.namespaceMissing', 'results.finding.errorCodeSpelling']));
    expect(model.schema.valid).toBe(false);
    expect(node(model, '/CarrierProvisioningResult[1]/WLANProfiles[1]')?.decoded?.symbol).toBe('ERROR_SERVICE_NOT_ACTIVE');
    const spelling = model.findings.find((finding) => finding.code === 'results.finding.errorCodeSpelling');
    expect(spelling?.range.start).toMatchObject({ line: 2, column: 19 });
  });
});

describe('every section, mixed outcomes', () => {
  it('v1', () => {
    const model = readResults(fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml'), { validator: validatorForTests() });
    expect(model.schema).toEqual({ checked: true, valid: true });
    expect(model.version).toBe('v1');
    expect(model.failed).toBe(true);
    const bySection = Object.fromEntries(model.sections.map((summary) => [summary.section, summary]));
    expect(bySection.Activation).toMatchObject({ outcome: 'applied', applied: 1, failed: 0 });
    expect(bySection.MBNProfiles).toMatchObject({ outcome: 'partial', applied: 1, failed: 1 });
    expect(bySection.WLANProfiles).toMatchObject({ outcome: 'partial', applied: 2, failed: 2 });
    expect(bySection.Provisioning).toMatchObject({ outcome: 'partial', applied: 3, failed: 1 });
    expect(bySection.Signature).toMatchObject({ outcome: 'applied' });
    expect(model.totals).toEqual({ applied: 8, failed: 4, unreadable: 0 });
    const names = allNodes(model.root).filter((candidate) => candidate.element === 'WLANProfile').map((candidate) => candidate.name);
    expect(names).toEqual(['Contoso', 'Contoso Wi-Fi', 'Contoso Wi-Fi 2', 'Fabrikam Guest']);
    const subject = allNodes(model.root).find((candidate) => candidate.element === 'Subject');
    expect(subject?.value).toBe('CN=Contoso Provisioning, O=Contoso Ltd, C=US');
    const wifi = allNodes(model.root).find((candidate) => candidate.name === 'Contoso Wi-Fi');
    // The path names the attribute as the file writes it: Name in v1.
    expect(wifi?.path).toBe("WLANProfiles/WLANProfile[@Name='Contoso Wi-Fi']");
    expect(wifi?.errorCodeRange?.start).toMatchObject({ line: 13 });
  });

  it('v2, with unknown codes', () => {
    const model = readResults(fixture(RESULTS_FIXTURES, 'mixed-v2.valid.xml'), { validator: validatorForTests() });
    expect(model.schema.valid).toBe(true);
    expect(model.version).toBe('v2');
    const bySection = Object.fromEntries(model.sections.map((summary) => [summary.section, summary.outcome]));
    expect(bySection).toEqual({
      Activation: 'applied',
      MBNProfiles: 'failed',
      WLANProfiles: 'failed',
      Provisioning: 'applied',
      Plans: 'partial',
      CarrierNetworkMetadata: 'partial',
      AdditionalPDPContexts: 'partial',
    });
    const unknown = allNodes(model.root).find((candidate) => candidate.element === 'DataClassFriendlyNames');
    expect(unknown?.decoded).toMatchObject({ known: false, facility: 0x217, code: 0xabc });
    expect(allNodes(model.root).find((candidate) => candidate.element === 'TetheringProfile')?.decoded?.win32).toBe(9999);
    // v2 names with name: the path says so.
    expect(allNodes(model.root).find((candidate) => candidate.name === 'Contoso Unlimited')?.path).toBe("Plans/Plan[@name='Contoso Unlimited']");
  });

  it('compares results whatever each file calls its name attribute, and reports paths as the returned file writes them', () => {
    const expected = readResults(fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml'));
    const returnedText = fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml').replace('<WLANProfile Name="Contoso Wi-Fi" errorCode="80070005"/>', '<WLANProfile name="Contoso Wi-Fi" errorCode="00000000"/>');
    const returned = readResults(returnedText);
    expect(allNodes(returned.root).find((candidate) => candidate.name === 'Contoso Wi-Fi')?.path).toBe("WLANProfiles/WLANProfile[@name='Contoso Wi-Fi']");
    expect(compareResults(returned, expected).map((difference) => [difference.kind, difference.path])).toEqual([['errorCode', "WLANProfiles/WLANProfile[@name='Contoso Wi-Fi']"]]);
  });

  it('all applied: not failed', () => {
    const model = readResults(fixture(RESULTS_FIXTURES, 'all-applied.valid.xml'), { validator: validatorForTests() });
    expect(model.failed).toBe(false);
    expect(model.findings).toEqual([]);
  });
});

describe('deviating spellings are decoded and reported', () => {
  const model = readResults(fixture(RESULTS_FIXTURES, 'deviations.invalid.xml'), { validator: validatorForTests() });

  it('decodes every code', () => {
    expect(model.version).toBe('v1');
    expect(node(model, '/CarrierProvisioningResult[1]/WLANProfiles[1]')?.errorCode).toBe('80070426');
    expect(node(model, '/CarrierProvisioningResult[1]/Activation[1]')?.errorCode).toBe('80070005');
    expect(node(model, '/CarrierProvisioningResult[1]/Provisioning[1]/TrustedCertificate[1]')?.decoded?.symbol).toBe('CERT_E_UNTRUSTEDROOT');
  });

  it('reports each deviation with its range', () => {
    const find = (code: string) => model.findings.find((finding) => finding.code === code);
    expect(find('results.finding.namespaceMissing')?.range.start).toMatchObject({ line: 3, column: 2 });
    expect(find('results.finding.errorCodeSpelling')?.range.start).toMatchObject({ line: 6, column: 17 });
    expect(find('results.finding.errorCodePrefix')).toMatchObject({ severity: 'warning', params: { value: '0x80070005', normalized: '80070005' } });
    expect(find('results.finding.errorCodePrefix')?.range.start).toMatchObject({ line: 7, column: 26 });
    expect(find('results.finding.errorCodeUppercase')?.range.start).toMatchObject({ line: 9, column: 36 });
    expect(model.schema.valid).toBe(false);
    expect(model.findings.some((finding) => finding.code === 'XSD_ROOT_NOT_ALLOWED' || finding.code.startsWith('XSD_'))).toBe(true);
  });

  it('v2 name on WLANProfile in a v1 file, and v1 Name in a v2 file', () => {
    const v1 = readResults('<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/v1"><WLANProfiles><WLANProfile name="A" errorCode="00000000"/></WLANProfiles></CarrierProvisioningResult>');
    expect(codes(v1)).toContain('results.finding.nameSpelling');
    expect(allNodes(v1.root).find((candidate) => candidate.element === 'WLANProfile')?.name).toBe('A');
    const v2 = readResults('<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/v2"><WLANProfiles><WLANProfile Name="B" errorCode="00000000"/></WLANProfiles></CarrierProvisioningResult>');
    expect(v2.findings.find((finding) => finding.code === 'results.finding.nameSpelling')?.params).toMatchObject({ found: 'Name', expected: 'name' });
  });

  it('an unreadable errorCode is an error and counts as a failure', () => {
    const unreadable = readResults(fixture(RESULTS_FIXTURES, 'unreadable-code.invalid.xml'));
    expect(codes(unreadable)).toEqual(['results.finding.errorCodeUnreadable']);
    expect(unreadable.failed).toBe(true);
    expect(unreadable.findings[0]?.range.start).toMatchObject({ line: 6, column: 26 });
  });
});

describe('malformed files', () => {
  it('bare &: at the ampersand, suggesting &amp;', () => {
    const [finding] = readResults(fixture(RESULTS_FIXTURES, 'bare-ampersand.xml')).findings;
    expect(finding).toMatchObject({ code: 'results.finding.bareAmpersand', suggestionKey: 'results.suggest.escapeAmpersand' });
    expect(finding?.range.start).toMatchObject({ line: 7, column: 19 });
  });

  it('missing end tag: at the element that is never closed', () => {
    const [finding] = readResults(fixture(RESULTS_FIXTURES, 'missing-end-tag.xml')).findings;
    expect(finding?.code).toMatch(/results\.finding\.(missingEndTag|mismatchedEndTag)/);
    expect(finding?.suggestionKey).toBeDefined();
  });

  it('a DOCTYPE is refused', () => {
    const [finding] = readResults('<!DOCTYPE x [<!ENTITY a "b">]>\n<CarrierProvisioningResult/>').findings;
    expect(finding?.code).toBe('results.finding.dtd');
  });

  it('empty text, and a provisioning file given by mistake', () => {
    expect(readResults('').findings[0]?.code).toBe('results.finding.empty');
    const wrong = readResults(fixture(RESULTS_FIXTURES, 'source-similar-names.xml'));
    expect(wrong).toMatchObject({ wellFormed: true, failed: true });
    expect(wrong.findings[0]).toMatchObject({ code: 'results.finding.notResults', params: { root: 'CarrierProvisioning' } });
  });
});

describe('robustness', () => {
  it('reads every corpus results file without throwing, and agrees with the schema verdict of its name', () => {
    // The corpus names carry Windows' published verdict; the inspector also reads results v2
    // (test/fixtures/results-v2), which no published schema declares.
    const RESULTS_V2 = path.join(ROOT, 'test', 'fixtures', 'results-v2');
    const files = [...readdirSync(CORPUS_RESULTS).map((name) => path.join(CORPUS_RESULTS, name)), ...readdirSync(RESULTS_V2).map((name) => path.join(RESULTS_V2, name))].filter((name) => name.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const name = path.basename(file);
      const model = readResults(fixture(file), { validator: validatorForTests() });
      expect(model.wellFormed, name).toBe(true);
      expect(model.schema.valid, name).toBe(name.endsWith('.valid.xml') || name.includes('not-in-published-schemas'));
    }
  });

  it('never throws on arbitrary text or on mangled results', () => {
    const base = fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml');
    fc.assert(
      fc.property(fc.string(), fc.nat(base.length), fc.nat(40), (insert, at, cut) => {
        const text = base.slice(0, at) + insert + base.slice(at + cut);
        const model = readResults(text);
        expect(model.findings.every((finding) => finding.range.start.line >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string(), (text) => void readResults(text)), { numRuns: 300 });
  });

  it('reads a file path-independently of line endings (CRLF gives the same positions)', () => {
    const text = fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml');
    const lf = readResults(text);
    const crlf = readResults(text.replace(/\n/g, '\r\n'));
    expect(crlf.totals).toEqual(lf.totals);
    expect(allNodes(crlf.root).map((candidate) => candidate.range.start.line)).toEqual(allNodes(lf.root).map((candidate) => candidate.range.start.line));
  });
});

