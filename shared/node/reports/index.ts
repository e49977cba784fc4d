// Node-only helpers for results reports: reading files with their SHA-256, the signer of a
// source provisioning file, and the compiled results validator from the schemas/ folder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSchemaLibrary } from '../schema-library';
import { resultsValidator } from '../../common/results/validator';
import type { ResultsValidator } from '../../common/results/types';
import { ProvisioningValidator } from '../../common/validation/index';
import { childElements, textContent, walkElements } from '../../common/xml/model';
import { parseXml } from '../../common/xml/parse';
import { decodeText } from '../files/encoding';
import { summarizeCertificate } from '../signing/certificates';
import { verify } from '../signing/verify';
import { NAMESPACES } from '../../common/xml/namespaces';
import { wasmXsdEngine } from '../../common/schema/libxml';

export interface ReportInputFile {
  path: string;
  bytes: Uint8Array;
  text: string;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file as text (UTF-8 with or without BOM, UTF-16 with BOM) and hashes its bytes. Throws on I/O or decoding errors. */
export function readReportFile(filePath: string): ReportInputFile {
  const bytes = new Uint8Array(readFileSync(filePath));
  const { text } = decodeText(bytes);
  return { path: filePath, bytes, text, sha256: sha256Hex(bytes) };
}

const XMLDSIG = NAMESPACES.xmlDsig;

/**
 * Subject of the certificate that signed a provisioning file: null when the file has no
 * signature, undefined when it has one we cannot read. Uses the signing module's verifier (for
 * its signer summary); falls back to the first X509Certificate of the signature.
 */
export async function sourceSigner(file: Pick<ReportInputFile, 'bytes' | 'text'>): Promise<string | null | undefined> {
  const parsed = parseXml(file.text);
  if (!parsed.ok) return undefined;
  const signature = childElements(parsed.document.root).find((element) => element.localName === 'Signature' && element.namespaceUri === XMLDSIG);
  if (!signature) return null;
  try {
    const verdict = await verify(file.bytes, { trustedRoots: [], useSystemRoots: false });
    if (verdict.signer) return verdict.signer.subject;
  } catch {
    // Fall through to reading the certificate ourselves.
  }
  for (const element of walkElements(signature)) {
    if (element.localName !== 'X509Certificate' || element.namespaceUri !== XMLDSIG) continue;
    try {
      return summarizeCertificate(new Uint8Array(Buffer.from(textContent(element).replace(/\s+/g, ''), 'base64'))).subject;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The repository's (or installed package's) schemas/ folder: the first one found walking up from here or from cwd. */
export function findSchemaDirectory(starts: string[] = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]): string | undefined {
  for (const start of starts) {
    let directory = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(directory, 'schemas', 'provisioning.xsd'))) return path.join(directory, 'schemas');
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
  }
  return undefined;
}

/** Windows' verdict (default target, windows11) from our schemas/ folder, compiled once; undefined when the folder cannot be found. */
export function loadSchemaValidator(directory = findSchemaDirectory()): ProvisioningValidator | undefined {
  if (!directory) return undefined;
  return ProvisioningValidator.create(wasmXsdEngine, readSchemaLibrary(directory));
}

/** Compiles the results inspector's schemas (results v1 and v2); undefined when the schemas cannot be found. */
export function loadResultsValidator(directory = findSchemaDirectory()): ResultsValidator | undefined {
  if (!directory) return undefined;
  return resultsValidator(ProvisioningValidator.forResultsInspector(wasmXsdEngine, readSchemaLibrary(directory)));
}
