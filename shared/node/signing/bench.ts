// Signing throughput against xmlsec1 on the same machine and documents: sign + verify of generated
// 100 KB and 1 MB provisioning files with a PFX key. The lead's `npm run bench` calls benchSigning().
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PfxKeyStore } from '../keystores/file-store';
import { sign } from './sign';
import { makeTestEvKit } from './test-ev-kit';
import { verify } from './verify';

export interface SigningBenchResult {
  size: string;
  bytes: number;
  oursMs: number;
  xmlsec1Ms: number | null;
  ratio: number | null;
}

/** A provisioning document of about `targetBytes`, with Wi-Fi profiles as the bulk. */
export function generateProvisioningDocument(targetBytes: number): string {
  const head = '<?xml version="1.0" encoding="utf-8"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000000</SubscriberId></Global><WLANProfiles>\n';
  const tail = '</WLANProfiles></CarrierProvisioning>';
  const parts = [head];
  let size = head.length + tail.length;
  for (let index = 0; size < targetBytes; index += 1) {
    const profile = `  <WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1"><name>Hotspot ${index} — Café</name><SSIDConfig><SSID><name>ssid-${index}</name></SSID></SSIDConfig><!-- profile ${index} --><MSM><security><authEncryption><authentication>WPA2</authentication><encryption>AES</encryption></authEncryption></security></MSM></WLANProfile>\n`;
    parts.push(profile);
    size += Buffer.byteLength(profile);
  }
  parts.push(tail);
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchSigning(options: { rounds?: number } = {}): Promise<SigningBenchResult[]> {
  const rounds = options.rounds ?? 5;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-bench-'));
  const password = 'bench-password';
  try {
    const kit = await makeTestEvKit(directory, password);
    const signer = await new PfxKeyStore(kit.pfxPath, async () => password).signer('', async () => password);
    const xmlsecAvailable = !spawnSync('xmlsec1', ['--version']).error;
    const results: SigningBenchResult[] = [];
    for (const [size, target] of [['100 KB', 100 * 1024], ['1 MB', 1024 * 1024]] as const) {
      const document = Buffer.from(generateProvisioningDocument(target));
      const ours: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const started = performance.now();
        const signed = await sign(document, signer, {});
        const verdict = await verify(signed, { trustedRoots: [kit.root.der] });
        ours.push(performance.now() - started);
        if (!verdict.accepted) throw new Error(`benchmark document not accepted: ${verdict.code}`);
      }
      let xmlsec1Ms: number | null = null;
      if (xmlsecAvailable) {
        const template = path.join(directory, `template-${target}.xml`);
        const output = path.join(directory, `xmlsec-${target}.xml`);
        const emptySignature =
          '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>';
        writeFileSync(template, document.toString('utf8').replace('</CarrierProvisioning>', `${emptySignature}</CarrierProvisioning>`));
        const timings: number[] = [];
        for (let round = 0; round < rounds; round += 1) {
          const started = performance.now();
          const signed = spawnSync('xmlsec1', ['--sign', '--pkcs12', kit.pfxPath, '--pwd', password, '--output', output, template]);
          const verified = spawnSync('xmlsec1', ['--verify', '--trusted-der', kit.rootPath, output]);
          timings.push(performance.now() - started);
          if (signed.status !== 0 || verified.status !== 0) throw new Error(`xmlsec1 failed: ${signed.stderr}${verified.stderr}`);
        }
        xmlsec1Ms = median(timings);
      }
      const oursMs = median(ours);
      results.push({ size, bytes: document.length, oursMs, xmlsec1Ms, ratio: xmlsec1Ms ? oursMs / xmlsec1Ms : null });
    }
    return results;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
