import { describe, expect, it } from 'vitest';
import { mapResultsToSource } from '../../../shared/common/results/mapping';
import { readResults } from '../../../shared/common/results/reader';
import { escapeHtml, escapeMarkdown, failureRows, reportHtml, reportJsonObject, reportMarkdown, reportText, type ReportInput } from '../../../shared/common/results/report';
import { translator, type Language } from '../../../shared/common/i18n/index';
import { MALFORMED, RESULTS_FIXTURES, fixture } from './helpers';

const inLanguage = (language: Language) => ({ language, translate: translator(language) });

const source = fixture(RESULTS_FIXTURES, 'source-similar-names.xml');
const model = readResults(fixture(RESULTS_FIXTURES, 'mixed-v1.valid.xml'));
const input: ReportInput = {
  model,
  mapping: mapResultsToSource(model, source),
  result: { name: 'results <1>.xml', sha256: 'a'.repeat(64) },
  source: { name: 'source.xml', sha256: 'b'.repeat(64), signer: 'CN=Contoso & <Sons>' },
  date: '2025-01-02T03:04:05.000Z',
  ...inLanguage('en'),
};

describe('reports', () => {
  it('list every failure with code, name, meaning, advice and both locations', () => {
    const rows = failureRows(input);
    expect(rows.map((row) => row.hresult.name)).toEqual([
      'E_MBN_SIM_NOT_INSERTED',
      'E_ACCESSDENIED (ERROR_ACCESS_DENIED)',
      'ERROR_BAD_PROFILE',
      'CERT_E_UNTRUSTEDROOT',
    ]);
    const wifi = rows.find((row) => row.name === 'Contoso Wi-Fi');
    expect(wifi?.resultLocation).toBe('results <1>.xml:13:5');
    expect(wifi?.sourceLocation).toBe(`source.xml:${source.split('\n').findIndex((line) => line.includes('<name>Contoso Wi-Fi</name>'))}:5`);
    expect(rows.find((row) => row.name === 'Fabrikam Guest')?.sourceLocation).toBeUndefined();
  });

  it('text: tree and failures', () => {
    const text = reportText(input);
    expect(text).toContain('WLANProfile "Contoso Wi-Fi"  [FAILED 0x80070005 E_ACCESSDENIED (ERROR_ACCESS_DENIED)]');
    expect(text).toContain('In source: not found in source');
    expect(text).toContain('Source signed by: CN=Contoso & <Sons>');
  });

  it('Markdown escapes names and carries hashes, date and signer', () => {
    const markdown = reportMarkdown(input);
    expect(markdown).toContain('results &lt;1&gt;.xml');
    expect(markdown).toContain('a'.repeat(64));
    expect(markdown).toContain('2025-01-02T03:04:05.000Z');
    expect(markdown).toContain('CN=Contoso &amp; &lt;Sons&gt;');
    expect(markdown).not.toMatch(/<Sons>/);
    expect(escapeMarkdown('a|b*c_[x](y)')).toBe('a\\|b\\*c\\_\\[x\\]\\(y\\)');
  });

  it('HTML is self-contained, escaped and has no script', () => {
    const hostile = readResults('<CarrierProvisioningResult xmlns="http://www.microsoft.com/networking/CarrierControlResults/v1"><WLANProfiles><WLANProfile Name="&lt;script&gt;alert(1)&lt;/script&gt;" errorCode="80070005"/></WLANProfiles></CarrierProvisioningResult>');
    const html = reportHtml({ ...input, model: hostile, mapping: mapResultsToSource(hostile, source) });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('French and Portuguese', () => {
    expect(reportText({ ...input, ...inLanguage('fr') })).toContain('Que faire');
    expect(reportMarkdown({ ...input, ...inLanguage('pt') })).toContain('O que fazer');
  });

  it('JSON for scripts', () => {
    const json = reportJsonObject(input);
    expect(json).toMatchObject({ format: 'provstudio-results-report', failed: true, version: 'v1', totals: { failed: 4 } });
    expect(json.nodes.find((node) => node.name === 'Contoso')?.source?.how).toBe('name');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('a malformed results file gives a report with the error and its suggestion', () => {
    const broken = readResults(fixture(MALFORMED, 'results-curly-quotes.xml'));
    const text = reportText({ ...input, model: broken, mapping: undefined });
    expect(text).toContain('The results file could not be read.');
    expect(text).toContain('results <1>.xml:4:29');
    expect(text).toContain('Replace the curly quotes with straight quotes');
  });
});
