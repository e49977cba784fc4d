import { describe, expect, it } from 'vitest';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { renderSentence, summarize } from '../../../shared/common/semantic/summary';

const FILE = `<?xml version="1.0"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global><CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId><SubscriberId>123</SubscriberId></Global>
  <MBNProfiles>
    <DefaultProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WWAN/v1">
      <Name>Contoso LTE</Name><AssociatedPlan>Contoso 5GB</AssociatedPlan>
      <Context><AccessString>internet.contoso</AccessString></Context>
    </DefaultProfile>
  </MBNProfiles>
  <WLANProfiles>
    <WLANProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><name>A</name><AssociatedPlan>Contoso 5GB</AssociatedPlan>
      <SSIDConfig><SSID><name>a1</name></SSID><SSID><name>a2</name></SSID></SSIDConfig></WLANProfile>
    <WLANProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><name>B</name><AssociatedPlan>Contoso 5GB</AssociatedPlan>
      <SSIDConfig><SSID><name>b</name></SSID></SSIDConfig>
      <MSM><security><authEncryption><authentication>WPA2PSK</authentication><encryption>AES</encryption></authEncryption></security></MSM></WLANProfile>
  </WLANProfiles>
  <Plans>
    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="Contoso 5GB">
      <Description PlanType="Fixed"><BillingCycle StartDate="2025-01-01T00:00:00Z" Duration="P1M"/><DataLimitInMegabytes>5000</DataLimitInMegabytes></Description>
    </Plan>
  </Plans>
  <Provisioning><RefreshParameters><DelayInDays>30</DelayInDays><RefreshURL>https://prov.contoso.com/r</RefreshURL></RefreshParameters></Provisioning>
</CarrierProvisioning>`;

describe('summary', () => {
  const model = readProvisioningModel(FILE);
  const sentences = summarize(model);
  const english = sentences.map((sentence) => renderSentence('en', sentence));

  it('says what Windows does in plain words, as in the issue', () => {
    expect(english).toContain("Sets the mobile-broadband default profile 'Contoso LTE' (APN internet.contoso).");
    expect(english).toContain('Creates or updates 2 Wi-Fi profiles and removes every other Wi-Fi profile this operator put on the PC.');
    expect(english).toContain("Applies plan 'Contoso 5GB' (fixed, 5,000 MB, billing cycle 1 month) to 3 profiles.");
    expect(english).toContain('Windows refreshes from https://prov.contoso.com/r every 30 days.');
    expect(english).toContain("Wi-Fi profile 'A' connects to 2 networks: a1 and a2 (no security settings given).");
    expect(english).toContain("Wi-Fi profile 'B' connects to the network b (WPA2PSK with AES encryption).");
  });

  it('links each sentence to its element', () => {
    for (const sentence of sentences) {
      const text = FILE.slice(sentence.span.start, sentence.span.end);
      expect(text.startsWith('<'), sentence.key).toBe(true);
    }
    const plan = sentences.find((sentence) => sentence.key === 'semantic.summary.planApplied')!;
    expect(FILE.slice(plan.span.start, plan.span.end)).toMatch(/^<Plan [^>]*Name="Contoso 5GB"/);
  });

  it('uses each language’s plural rules (French counts 0 and 1 as singular)', () => {
    const empty = summarize(readProvisioningModel(FILE.replace(/<WLANProfiles>[\s\S]*<\/WLANProfiles>/, '<WLANProfiles/>')));
    expect(empty.map((sentence) => renderSentence('en', sentence))).toContain('Removes every Wi-Fi profile this operator put on the PC (the Wi-Fi section is empty).');
    const one = summarize(readProvisioningModel(FILE.replace(/<WLANProfile [\s\S]*?<\/WLANProfile>/, '')));
    const wlan = one.find((sentence) => sentence.key === 'semantic.summary.wlan')!;
    expect(renderSentence('fr', wlan)).toMatch(/^Crée ou met à jour 1 profil Wi-Fi et/);
    expect(renderSentence('pt', { ...wlan, count: 0 })).toMatch(/^Cria ou atualiza 0 perfil Wi-Fi/);
    expect(renderSentence('en', { ...wlan, count: 0 })).toMatch(/^Creates or updates 0 Wi-Fi profiles/);
    expect(renderSentence('fr', sentences.find((sentence) => sentence.key === 'semantic.summary.planApplied')!)).toMatch(/5\s000\sMo/u);
  });

  it('reports a text that is not a provisioning file instead of throwing', () => {
    expect(readProvisioningModel('<CarrierProvisioning><Global>').ok).toBe(false);
    expect(readProvisioningModel('<CarrierProvisioning><Global>').error?.range.start.line).toBe(1);
    expect(readProvisioningModel('<Other/>').ok).toBe(false);
    expect(summarize(readProvisioningModel('<Other/>'))).toEqual([]);
    // Entity definitions are refused, not expanded.
    const laughs = '<!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><CarrierProvisioning>&b;</CarrierProvisioning>';
    expect(readProvisioningModel(laughs)).toMatchObject({ ok: false });
  });
});
