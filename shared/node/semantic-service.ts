// The hosts' side of the semantic features: the dry run on the app's text (signature checked with
// the signing module, certificates read from the paths the user chose) and the file's last
// committed version when it lives in a git work tree ("Compare with…").
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HostError, type DryRunRequest } from '../common/ipc';
import type { Prediction } from '../common/semantic/dry-run';
import { dryRunFile } from './dry-run';
import { DecodeError, decodeText, encodeText } from './files/encoding';
import { certificatesFromPemOrDer } from './signing/certificates';

export async function dryRunRequest(request: DryRunRequest): Promise<Prediction> {
  const trustedCertificates: Uint8Array[] = [];
  for (const certificatePath of request.trustedPaths) {
    try {
      trustedCertificates.push(...certificatesFromPemOrDer(await fs.readFile(certificatePath)));
    } catch (error) {
      throw new HostError('signing.certificateUnreadable', 'error.signing.certificateUnreadable', { path: certificatePath, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return dryRunFile({
    bytes: encodeText(request.text, request.encoding),
    text: request.text,
    ...(request.previousText !== undefined ? { previousText: request.previousText } : {}),
    source: request.source,
    sim: request.sim,
    wifi: request.wifi,
    mbn: request.mbn,
    trustedCertificates,
  });
}

function git(directory: string, args: string[]): Promise<{ ok: boolean; stdout: Buffer }> {
  return new Promise((resolve) => {
    // No shell: the path is an argument, never interpreted.
    execFile('git', ['-C', directory, ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout) => resolve({ ok: !error, stdout }));
  });
}

/** The file's text at HEAD of its git work tree, decoded like any opened file; null when there is none. */
export async function committedVersion(filePath: string): Promise<{ text: string; commit: string } | null> {
  const absolute = path.resolve(filePath);
  const directory = path.dirname(absolute);
  const top = await git(directory, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return null;
  const root = await fs.realpath(top.stdout.toString('utf8').trim());
  const relative = path.relative(root, await fs.realpath(absolute).catch(() => absolute)).split(path.sep).join('/');
  if (relative.startsWith('..')) return null;
  const commit = await git(root, ['rev-parse', '--verify', 'HEAD']);
  if (!commit.ok) return null;
  const shown = await git(root, ['show', `HEAD:${relative}`]);
  if (!shown.ok) return null;
  try {
    return { text: decodeText(new Uint8Array(shown.stdout)).text, commit: commit.stdout.toString('utf8').trim() };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    throw new HostError('file.undecodable', 'error.file.undecodable', { path: `${relative} (HEAD)`, encoding: error.encoding, offset: error.byteOffset });
  }
}
