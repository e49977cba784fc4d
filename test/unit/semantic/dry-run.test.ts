// The dry run against the documented rules: every row of the Signature table with real signatures
// (a throw-away root and EV / non-EV signers, verified by the signing module), the Wi-Fi delete
// rules, plan errors and warnings, and the results reporting rules. Every predicted results file is
// checked against schemas/results-v1.xsd by the project's validator.
import { beforeAll, describe, expect, it } from 'vitest';
import { readResults } from '../../../shared/common/results/reader';
import { predictDryRun, signatureRequirement, type DryRunOptions, type Prediction } from '../../../shared/common/semantic/dry-run';
import { readProvisioningModel } from '../../../shared/common/semantic/model';
import { dryRunFile, type DryRunFileInput } from '../../../shared/node/dry-run';
import { loadResultsValidator } from '../../../shared/node/reports/index';
import { sign } from '../../../shared/node/signing/sign';
import { issueTestCertificate, type IssuedCertificate } from '../../../shared/node/signing/test-ev-kit';
import { templateByName } from '../../../shared/common/templates/index';
import { signerFor } from '../signing/support';

const validator = loadResultsValidator()!;

function expectValidResults(prediction: Prediction): void {
  const model = readResults(prediction.resultXml, { validator });
  expect(model.schema, prediction.resultXml).toEqual({ checked: true, valid: true });
}

const WIFI = templateByName('wifi-open')!.text;
const encode = (text: string) => new TextEncoder().encode(text);
const BASE: Pick<DryRunFileInput, 'source' | 'sim' | 'wifi' | 'mbn'> = { source: 'operator-app', sim: 'operator', wifi: true, mbn: true };

function wlanFile(names: string[] | null): string {
  const profiles = (names ?? [])
    .map((name) => `<WLANProfile xmlns="http://www.microsoft.com/networking/CarrierControl/WLAN/v1"><name>${name}</name><SSIDConfig><SSID><name>${name}</name></SSID></SSIDConfig></WLANProfile>`)
    .join('');
  const section = names === null ? '' : `<WLANProfiles>${profiles}</WLANProfiles>`;
  return `<?xml version="1.0"?><CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>{00000000-1111-2222-3333-444444444444}</CarrierId><SubscriberId>1234</SubscriberId></Global>${section}</CarrierProvisioning>`;
}

describe('signature table', () => {
  let root: IssuedCertificate;
  let ev: IssuedCertificate;
  let plain: IssuedCertificate;
  let signedEv: Uint8Array;
  let signedPlain: Uint8Array;

  beforeAll(async () => {
    root = await issueTestCertificate({ subject: 'CN=Dry Run Test Root', certificateAuthority: true });
    ev = await issueTestCertificate({ subject: 'CN=Contoso EV Signer, O=Contoso', issuer: root, ev: true });
    plain = await issueTestCertificate({ subject: 'CN=Contoso Plain Signer, O=Contoso', issuer: root });
    signedEv = await sign(encode(WIFI), signerFor(ev, [root.der]));
    signedPlain = await sign(encode(WIFI), signerFor(plain, [root.der]));
  }, 60_000);

  const run = (bytes: Uint8Array, options: Partial<DryRunFileInput>) =>
    dryRunFile({ ...BASE, bytes, text: new TextDecoder().decode(bytes), trustedCertificates: [root.der], ...options });

  it('names the row and what it asks for every source and SIM', () => {
    expect(signatureRequirement('operator-app', 'operator')).toEqual({ rule: 'signatureRow1', required: false, evRequired: false, consent: false });
    expect(signatureRequirement('website', 'operator')).toEqual({ rule: 'signatureRow2', required: true, evRequired: true, consent: true });
    expect(signatureRequirement('website', 'operator', { subject: 's', issuer: 'i', ev: false, known: true })).toEqual({ rule: 'signatureRow2', required: true, evRequired: false, consent: false });
    expect(signatureRequirement('app', 'operator')).toMatchObject({ rule: 'signatureUwpApp', required: true });
    for (const source of ['operator-app', 'app', 'website'] as const) {
      expect(signatureRequirement(source, 'none')).toEqual({ rule: 'signatureRow3', required: true, evRequired: true, consent: true });
      expect(signatureRequirement(source, 'none', { subject: 's', issuer: 'i', ev: true, known: true })).toEqual({ rule: 'signatureRow3', required: true, evRequired: true, consent: false });
    }
  });

  it('row 1 (operator SIM, operator app): an unsigned file applies, no signature asked', async () => {
    const prediction = await run(encode(WIFI), {});
    expect(prediction.outcome).toBe('applied');
    expect(prediction.signature.required).toBe(false);
    expect(prediction.lines[0]).toMatchObject({ rule: 'signatureRow1', severity: 'ok' });
    expect(prediction.resultXml).toContain('<Signature errorCode="00000000"/>');
    expectValidResults(prediction);
  });

  it('row 2 (operator SIM, web site): unsigned is refused with 8217000e and the results hold only the signature', async () => {
    const prediction = await run(encode(WIFI), { source: 'website' });
    expect(prediction.outcome).toBe('rejected');
    expect(prediction.exception).toBe('8217000e');
    expect(prediction.lines[0]).toMatchObject({ rule: 'signatureRow2', hresult: '8217000e', severity: 'error' });
    expect(prediction.resultXml).not.toContain('WLANProfiles');
    expect(prediction.resultXml).toContain('<Signature errorCode="8217000e"/>');
    expectValidResults(prediction);
  });

  it('row 2: an EV signer the PC does not know applies after the user consents; a known one without a question', async () => {
    const unknown = await run(signedEv, { source: 'website' });
    expect(unknown.outcome).toBe('applied');
    expect(unknown.signature).toMatchObject({ required: true, evRequired: true, consent: true });
    expect(unknown.lines.find((line) => line.key === 'semantic.dryrun.consent')).toMatchObject({ rule: 'signatureKnownCertificate', severity: 'warning' });
    expect(unknown.resultXml).toMatch(/<Signature errorCode="00000000">\s*<Subject>CN=Contoso EV Signer, O=Contoso<\/Subject>\s*<Thumbprint>[A-Za-z0-9+/=]+<\/Thumbprint>/);
    expectValidResults(unknown);
    const known = await run(signedPlain, { source: 'website', trustedCertificates: [root.der, plain.der] });
    expect(known.outcome).toBe('applied');
    expect(known.signature).toMatchObject({ consent: false, evRequired: false });
    expect(known.lines.some((line) => line.key === 'semantic.dryrun.signerKnown')).toBe(true);
  });

  it('row 2: a non-EV signer the PC does not know is refused with 8217000d', async () => {
    const prediction = await run(signedPlain, { source: 'website' });
    expect(prediction).toMatchObject({ outcome: 'rejected', exception: '8217000d' });
    expect(prediction.resultXml).toContain('<Signature errorCode="8217000d"/>');
    expectValidResults(prediction);
  });

  it('row 2: a chain to a root the PC does not trust is refused with 82170004', async () => {
    const prediction = await run(signedEv, { source: 'website', trustedCertificates: [] });
    expect(prediction).toMatchObject({ outcome: 'rejected', exception: '82170004' });
  });

  it('row 3 (no operator SIM, app or web site): EV needed, consent the first time, none once the previous file trusted the signer', async () => {
    for (const source of ['app', 'website', 'operator-app'] as const) {
      const first = await run(signedEv, { source, sim: 'none' });
      expect(first.outcome).toBe('applied');
      expect(first.signature).toMatchObject({ rule: 'signatureRow3', evRequired: true, consent: true });
      const notEv = await run(signedPlain, { source, sim: 'none', trustedCertificates: [root.der, plain.der] });
      expect(notEv).toMatchObject({ outcome: 'rejected', exception: '8217000d' });
      const unsigned = await run(encode(WIFI), { source, sim: 'none' });
      expect(unsigned).toMatchObject({ outcome: 'rejected', exception: '8217000e' });
    }
    const previous = WIFI.replace('</Global>', `</Global><Provisioning><TrustedCertificates><TrustedCertificate xmlns:b="http://www.microsoft.com/networking/CarrierControl/Base/v1"><b:SubjectName>CN=Contoso EV Signer, O=Contoso</b:SubjectName><b:IssuerName>CN=Dry Run Test Root</b:IssuerName></TrustedCertificate></TrustedCertificates></Provisioning>`);
    const again = await run(signedEv, { sim: 'none', source: 'website', previousText: previous });
    expect(again.signature.consent).toBe(false);
    expect(again.lines.some((line) => line.key === 'semantic.dryrun.consent')).toBe(false);
  });

  it('an app without the Network Account ID must sign; a file changed after signing is refused with 82170005', async () => {
    expect(await run(encode(WIFI), { source: 'app' })).toMatchObject({ outcome: 'rejected', exception: '8217000e' });
    const text = new TextDecoder().decode(signedEv).replace('<name>Contoso Wi-Fi</name>', '<name>Evil Wi-Fi</name>');
    const tampered = await run(encode(text), { source: 'website' });
    expect(tampered).toMatchObject({ outcome: 'rejected', exception: '82170005' });
    expectValidResults(tampered);
  });
});

describe('Wi-Fi delete rules', () => {
  const predict = (text: string, options: Partial<DryRunOptions> = {}) => predictDryRun(readProvisioningModel(text), { ...BASE, ...options });
  const previous = readProvisioningModel(wlanFile(['Home', 'Office', 'Cafe']));

  it('a profile missing from the list is deleted; listed ones are created or updated', () => {
    const prediction = predict(wlanFile(['Home', 'Airport']), { previous });
    expect(prediction.deletedWlanProfiles).toEqual(['Office', 'Cafe']);
    const keys = prediction.lines.map((line) => `${line.key}:${String(line.params.name ?? '')}`);
    expect(keys).toEqual(expect.arrayContaining(['semantic.dryrun.wlan.update:Home', 'semantic.dryrun.wlan.create:Airport', 'semantic.dryrun.wlanDeleted:Office', 'semantic.dryrun.wlanDeleted:Cafe']));
    expect(prediction.lines.filter((line) => line.key === 'semantic.dryrun.wlanDeleted').every((line) => line.rule === 'wlanDeleteMissing')).toBe(true);
    expectValidResults(prediction);
  });

  it('an empty section deletes all profiles', () => {
    expect(predict(wlanFile([]), { previous }).deletedWlanProfiles).toEqual(['Home', 'Office', 'Cafe']);
    const unknown = predict(wlanFile([]));
    expect(unknown.deletedWlanProfiles).toBe('all');
    expect(unknown.lines.find((line) => line.key === 'semantic.dryrun.wlanDeleteAll')?.rule).toBe('wlanDeleteAll');
    expect(unknown.resultXml).toContain('<WLANProfiles/>');
    expectValidResults(unknown);
  });

  it('an omitted section leaves the profiles on the PC', () => {
    const prediction = predict(wlanFile(null), { previous });
    expect(prediction.deletedWlanProfiles).toEqual([]);
    expect(prediction.lines.find((line) => line.rule === 'wlanOmitted')).toMatchObject({ key: 'semantic.dryrun.wlanOmittedKept', count: 3 });
    expect(prediction.resultXml).not.toContain('WLANProfiles');
  });

  it('without --previous, every other profile of the operator goes', () => {
    const prediction = predict(wlanFile(['Home']));
    expect(prediction.deletedWlanProfiles).toBe('all');
    expect(prediction.lines.find((line) => line.key === 'semantic.dryrun.wlanDeleteOthers')?.rule).toBe('wlanDeleteMissing');
  });

  it('a stopped Wi-Fi service fails the whole section with one code and no children (80070426)', () => {
    const prediction = predict(wlanFile(['Home', 'Office']), { wifi: false });
    expect(prediction.outcome).toBe('partial');
    expect(prediction.resultXml).toContain('<WLANProfiles errorCode="80070426"/>');
    expect(prediction.lines.find((line) => line.hresult === '80070426')?.rule).toBe('sectionFailure');
    expectValidResults(prediction);
  });
});

describe('plans', () => {
  const predict = (text: string, options: Partial<DryRunOptions> = {}) => predictDryRun(readProvisioningModel(text), { ...BASE, ...options });
  const withPlans = templateByName('plans-with-usage')!.text;

  it('a profile naming a missing plan fails (error on that profile); a plan no profile uses is a warning', () => {
    const text = withPlans.replace('<AssociatedPlan>Contoso 5GB</AssociatedPlan>\n      <HomeProviderName>', '<AssociatedPlan>Contoso 10GB</AssociatedPlan>\n      <HomeProviderName>');
    const prediction = predict(text);
    expect(prediction.outcome).toBe('partial');
    expect(prediction.lines.find((line) => line.key === 'semantic.dryrun.planMissing')).toMatchObject({ rule: 'planMissing', hresult: '80070490', params: { plan: 'Contoso 10GB' } });
    expect(prediction.resultXml).toContain('<DefaultProfile errorCode="80070490"/>');
    expectValidResults(prediction);
    const unused = predict(withPlans.replace(/<AssociatedPlan>Contoso 5GB<\/AssociatedPlan>\n/g, ''));
    expect(unused.lines.find((line) => line.key === 'semantic.dryrun.planUnused')).toMatchObject({ severity: 'warning', rule: 'planUnused' });
    expect(unused.outcome).toBe('applied');
  });

  it('plan-only and usage-only files are checked against the previous file', () => {
    const planOnly = templateByName('plan-only-update')!.text;
    const usageOnly = templateByName('usage-only-update')!.text;
    const previous = readProvisioningModel(withPlans);
    expect(predict(planOnly, { previous }).lines.find((line) => line.rule === 'planDescriptionOnly')).toMatchObject({ key: 'semantic.dryrun.planUpdated', count: 2 });
    expect(predict(usageOnly, { previous }).lines.find((line) => line.rule === 'planUsageOnly')).toMatchObject({ key: 'semantic.dryrun.usageUpdated', count: 2 });
    const bare = readProvisioningModel(wlanFile(['Home']));
    expect(predict(planOnly, { previous: bare }).lines.find((line) => line.rule === 'planDescriptionOnly')).toMatchObject({ severity: 'warning', key: 'semantic.dryrun.planNoProfileOnPc' });
    expect(predict(usageOnly, { previous: bare }).lines.find((line) => line.rule === 'planUsageOnly')).toMatchObject({ severity: 'warning', key: 'semantic.dryrun.usageOnlyNoPlan' });
    expect(predict(usageOnly).lines.find((line) => line.rule === 'planUsageOnly')).toMatchObject({ severity: 'info' });
  });
});

describe('the call fails before anything is applied', () => {
  it('for a malformed file (82170001) and a schema-invalid one (82170002), with a valid empty results root', async () => {
    const malformed = await dryRunFile({ ...BASE, bytes: encode('<CarrierProvisioning>'), text: '<CarrierProvisioning>' });
    expect(malformed).toMatchObject({ outcome: 'rejected', exception: '82170001' });
    expectValidResults(malformed);
    const invalid = WIFI.replace('<SubscriberId>', '<Username>x</Username><SubscriberId>');
    const prediction = await dryRunFile({ ...BASE, bytes: encode(invalid), text: invalid });
    expect(prediction).toMatchObject({ outcome: 'rejected', exception: '82170002' });
    expect(prediction.lines[0]!.params.line).toBeGreaterThan(1);
    expectValidResults(prediction);
  });

  it('no mobile-broadband adapter fails the MBN section and the activation', () => {
    const prediction = predictDryRun(readProvisioningModel(templateByName('reconnect-after-provisioning')!.text), { ...BASE, mbn: false });
    expect(prediction.resultXml).toContain('<MBNProfiles errorCode="8007048f"/>');
    expect(prediction.resultXml).toContain('<Activation errorCode="8007048f"/>');
    expectValidResults(prediction);
  });
});
