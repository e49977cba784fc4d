// Shared helpers for the signing tests: a test EV kit made once per file, and the two independent
// verifiers (xmlsec1 and the JDK's XML-DSig) run on files in a temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrivateKey } from 'node:crypto';
import { signerFromKeyObject } from '../../../shared/node/keystores/file-store';
import type { Signer } from '../../../shared/node/signing/sign';
import type { IssuedCertificate } from '../../../shared/node/signing/test-ev-kit';

export const JAVA_VERIFIER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/signing/java/VerifyXml.java');

export function toolAvailable(command: string, args: string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  const available = !result.error;
  if (!available) console.warn(`skipping: ${command} is not installed`);
  return available;
}

export function temporaryDirectory(prefix = 'provstudio-signing-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function signerFor(certificate: IssuedCertificate, chain: Uint8Array[] = []): Signer {
  return signerFromKeyObject(createPrivateKey(certificate.privateKeyPem), [certificate.der, ...chain]);
}

/** xmlsec1 --verify with the given trusted root (DER); returns its verdict and output. */
export function xmlsecVerify(file: string, rootDerPath: string): { ok: boolean; output: string } {
  const result = spawnSync('xmlsec1', ['--verify', '--trusted-der', rootDerPath, file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Runs the Java verifier once over many files (one JVM start). */
export function javaVerify(files: string[]): Map<string, string> {
  const result = spawnSync('java', [JAVA_VERIFIER, ...files], { encoding: 'utf8' });
  const verdicts = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const [file, verdict] = line.split('\t');
    if (file && verdict) verdicts.set(file, verdict);
  }
  if (verdicts.size === 0) throw new Error(`java verifier failed: ${result.stderr}`);
  return verdicts;
}

export function writeFixture(directory: string, name: string, bytes: Uint8Array): string {
  const file = path.join(directory, name);
  writeFileSync(file, bytes);
  return file;
}

export const SAMPLE =
  '<?xml version="1.0" encoding="utf-8"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"><Global><CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId><SubscriberId>310260000000000</SubscriberId></Global></CarrierProvisioning>';
