// provstudio verify FILE [--trusted-root CERT]... [--system-roots] [--format text|json]:
// exit 0 only when Windows would accept the file with those roots, 1 when it would not (with the
// HRESULT and a one-line reason), 2 for usage or I/O problems.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { certificatesFromPemOrDer, readCertificate } from '../../shared/node/signing/certificates';
import { verify } from '../../shared/node/signing/verify';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  summaryKey: 'cli.verify.summary',
  usageKey: 'cli.verify.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        'trusted-root': { type: 'string', multiple: true, default: [] },
        'system-roots': { type: 'boolean', default: false },
        'allow-non-ev': { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError(io.t('cli.verify.needOneFile'));
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(io.t('cli.verify.badFormat', { value: values.format ?? '' }));
    const filePath = path.resolve(io.cwd, positionals[0]!);
    const trustedRoots: Uint8Array[] = [];
    for (const rootFile of values['trusted-root'] ?? []) {
      const rootPath = path.resolve(io.cwd, rootFile);
      try {
        const certificates = certificatesFromPemOrDer(await fs.readFile(rootPath));
        certificates.forEach((der) => readCertificate(der));
        trustedRoots.push(...certificates);
      } catch (error) {
        io.stderr(io.t('cli.verify.badRoot', { file: rootPath, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }) + '\n');
        return EXIT_USAGE_OR_IO;
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      io.stderr(io.t('cli.sign.cannotRead', { file: filePath, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const verdict = await verify(bytes, { trustedRoots, useSystemRoots: values['system-roots'], requireEv: !values['allow-non-ev'] });
    if (values.format === 'json') {
      const findings = verdict.findings.map((finding) => ({ ...finding, message: io.t(finding.messageKey, finding.params) }));
      io.stdout(JSON.stringify({ file: filePath, ...verdict, message: io.t(verdict.messageKey, verdict.params), findings }, null, 2) + '\n');
    } else {
      const reason = io.t(verdict.messageKey, verdict.params);
      if (verdict.accepted) io.stdout(io.t('cli.verify.accepted', { file: filePath, reason }) + '\n');
      else io.stdout(io.t('cli.verify.rejected', { file: filePath, hresult: verdict.hresult ?? '-', reason }) + '\n');
      if (verdict.signer) io.stdout(io.t('cli.verify.signer', { subject: verdict.signer.subject, thumbprint: verdict.signer.thumbprintSha1, ev: io.t(verdict.signer.ev ? 'cli.yes' : 'cli.no') }) + '\n');
      for (const finding of verdict.findings) {
        if (finding.messageKey === verdict.messageKey && finding.severity === 'error') continue;
        io.stdout(`  - ${finding.hresult ? `${finding.hresult} ` : ''}${io.t(finding.messageKey, finding.params)}\n`);
      }
    }
    return verdict.accepted ? EXIT_OK : EXIT_FINDINGS;
  },
};
