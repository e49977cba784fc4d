import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels, type SemanticDiff } from '../../../shared/common/semantic/diff';
import { renderDiff } from '../../../shared/common/semantic/diff-report';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { templateByName } from '../../../shared/common/templates/index';

const COMPLETE = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/corpus/cc/complete-document.valid.xml'), 'utf8');
const PLANS = templateByName('plans-with-usage')!.text;

function wifi(profiles: string[]): string {
  return `<?xml version="1.0"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global><CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId><SubscriberId>1234</SubscriberId></Global>
  <WLANProfiles>
${profiles.join('\n')}
  </WLANProfiles>
</CarrierProvisioning>
`;
}

function profile(name: string, ssids: string[], auth = 'open'): string {
  const ssidXml = ssids.map((ssid) => `<SSID><name>${ssid}</name></SSID>`).join('');
  return `    <WLANProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><name>${name}</name><SSIDConfig>${ssidXml}</SSIDConfig><MSM><security><authEncryption><authentication>${auth}</authentication><encryption>none</encryption></authEncryption></security></MSM></WLANProfile>`;
}

const diff = (before: string, after: string): SemanticDiff => diffModels(readProvisioningModel(before), readProvisioningModel(after));
const texts = (before: string, after: string) => renderDiff('en', diff(before, after), before, after).entries.map((entry) => entry.text);

describe('semantic diff', () => {
  it('a renamed profile (same networks and settings) is a rename, not a removal', () => {
    const result = diff(wifi([profile('Home', ['home-net'])]), wifi([profile('House', ['home-net'])]));
    expect(result.entries).toEqual([expect.objectContaining({ kind: 'renamed', entity: 'wlanProfile', before: 'Home', after: 'House' })]);
    expect(result.removesProfiles).toBe(false);
    expect(texts(wifi([profile('Home', ['home-net'])]), wifi([profile('House', ['home-net'])]))).toEqual([
      "Wi-Fi profile 'Home' renamed to 'House' (Windows deletes 'Home' and creates 'House' with the same settings).",
    ]);
  });

  it('a profile replaced by a different one is a removal (deleted from PCs) plus an addition', () => {
    const result = diff(wifi([profile('Home', ['home-net'])]), wifi([profile('Office', ['office-net'])]));
    expect(result.entries.map((entry) => [entry.kind, entry.name, entry.removesFromPcs ?? false])).toEqual([
      ['removed', 'Home', true],
      ['added', 'Office', false],
    ]);
    expect(result.removesProfiles).toBe(true);
    expect(result.verdict).toBe('changes');
  });

  it('reordering profiles, re-indenting and comments change nothing for Windows', () => {
    const before = wifi([profile('A', ['a']), profile('B', ['b'])]);
    const after = wifi([profile('B', ['b']), '<!-- moved -->', profile('A', ['a'])]).replace(/\n {4}/g, '\n\t');
    const result = diff(before, after);
    expect(result.verdict).toBe('formatting');
    expect(result.removesProfiles).toBe(false);
    expect(result.entries.map((entry) => entry.kind)).toEqual(['reordered']);
    expect(diff(before, before).verdict).toBe('identical');
    expect(diff(before, before.replace('<name>A</name>', ' <name>A</name> ')).verdict).toBe('formatting');
    // A namespace prefix instead of a default namespace, and attributes in another order: the same document.
    const prefixed = PLANS.replace(/<Plan xmlns="([^"]+)" Name="Contoso 5GB">([\s\S]*?)<\/Plan>/, (_whole, ns: string, body: string) => `<p:Plan xmlns:p="${ns}" Name="Contoso 5GB">${body.replace(/<(\/?)(Description|BillingCycle|DataLimitInMegabytes|InboundBandwidthInKbps|OutboundBandwidthInKbps|MaxTransferSizeInMegabytes|SecurityUpdatesExempt|UserSMSEnabled|Usage)\b/g, '<$1p:$2')}</p:Plan>`).replace('StartDate="2025-01-01T00:00:00Z" Duration="P1M"', 'Duration="P1M" StartDate="2025-01-01T00:00:00Z"');
    expect(prefixed).toContain('<p:DataLimitInMegabytes>');
    expect(diff(PLANS, prefixed)).toMatchObject({ verdict: 'formatting', entries: [] });
  });

  it('lists the networks (SSIDs) added to and dropped from a profile', () => {
    const result = diff(wifi([profile('A', ['a1', 'a2'])]), wifi([profile('A', ['a1', 'a3'])]));
    expect(result.entries.map((entry) => [entry.kind, entry.before ?? entry.after])).toEqual([
      ['ssidAdded', 'a3'],
      ['ssidDropped', 'a2'],
    ]);
  });

  it('field by field: security, plan limits, trust, refresh', () => {
    expect(texts(wifi([profile('A', ['a'])]), wifi([profile('A', ['a'], 'WPA2PSK')]))).toEqual(["Wi-Fi profile 'A': authentication changed from open to WPA2PSK."]);
    const plans = PLANS.replace('<DataLimitInMegabytes>5120', '<DataLimitInMegabytes>10240').replace('Duration="P1M"', 'Duration="P30D"');
    expect(texts(PLANS, plans)).toEqual(["Plan 'Contoso 5GB': BillingCycle/Duration changed from P1M to P30D.", "Plan 'Contoso 5GB': DataLimitInMegabytes changed from 5120 to 10240."]);
    const trusted = COMPLETE.replace('CN=prov.contoso.com</b:SubjectName>', 'CN=prov2.contoso.com</b:SubjectName>').replace('<DelayInDays>7', '<DelayInDays>14');
    expect(texts(COMPLETE, trusted)).toEqual(
      expect.arrayContaining([
        "Trusted certificate 'CN=prov.contoso.com / CN=Contoso CA' removed.",
        "Trusted certificate 'CN=prov2.contoso.com / CN=Contoso CA' added.",
        "Refresh 'https://prov.contoso.com/refresh': DelayInDays changed from 7 to 14.",
      ]),
    );
  });

  it('never shows a password, but still reports that it changed', () => {
    const entries = texts(PLANS, PLANS.replace('<Password>mbpass</Password>', '<Password>other</Password>'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^Default mobile-broadband profile 'Contoso Mobile Broadband': Password changed from •••• \([0-9a-f]{4}\) to •••• \([0-9a-f]{4}\)\.$/);
    expect(entries[0]).not.toContain('mbpass');
  });

  it('reports a signature-only change as such', () => {
    const resigned = COMPLETE.replace('<SignatureValue>AAAA</SignatureValue>', '<SignatureValue>BBBB</SignatureValue>');
    const result = diff(COMPLETE, resigned);
    expect(result.verdict).toBe('signature');
    expect(texts(COMPLETE, resigned)).toEqual(['The signature changed (new SignatureValue).']);
    const unsigned = COMPLETE.replace(/<Signature [\s\S]*<\/Signature>/, '');
    expect(diff(COMPLETE, unsigned).verdict).toBe('signature');
    expect(diff(COMPLETE, unsigned.replace('<DelayInDays>7', '<DelayInDays>8')).verdict).toBe('changes');
  });

  it('the Wi-Fi section: emptied deletes everything, removed leaves PCs alone', () => {
    const emptied = diff(wifi([profile('A', ['a'])]), wifi([]));
    expect(emptied.removesProfiles).toBe(true);
    expect(emptied.entries[0]).toMatchObject({ kind: 'sectionEmptied', entity: 'wlanSection' });
    const removed = diff(wifi([profile('A', ['a'])]), wifi([]).replace(/<WLANProfiles>[\s\S]*<\/WLANProfiles>/, ''));
    expect(removed.removesProfiles).toBe(false);
    expect(removed.entries).toEqual([expect.objectContaining({ kind: 'sectionRemoved' })]);
  });

  it('a change outside what the model names is still reported (not called formatting)', () => {
    const before = COMPLETE;
    const after = COMPLETE.replace('<DeviceId>123456789012345</DeviceId>', '<DeviceId>123456789012346</DeviceId>');
    const result = diff(before, after);
    expect(result.verdict).toBe('changes');
    expect(result.entries).toEqual([expect.objectContaining({ kind: 'other', entity: 'global' })]);
  });

  it('points each entry at both sides', () => {
    const before = wifi([profile('A', ['a'])]);
    const after = wifi([profile('Z', ['z']), profile('A', ['a'], 'WPA2PSK')]);
    const rendered = renderDiff('en', diff(before, after), before, after);
    const changed = rendered.entries.find((entry) => entry.kind === 'changed')!;
    expect(before.slice(changed.oldSpan!.start, changed.oldSpan!.end)).toBe('<authentication>open</authentication>');
    expect(after.slice(changed.newSpan!.start, changed.newSpan!.end)).toBe('<authentication>WPA2PSK</authentication>');
    expect(changed.oldRange!.start.line).toBe(5);
    expect(changed.newRange!.start.line).toBe(6);
  });
});
