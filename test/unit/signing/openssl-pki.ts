// Certificates made by OpenSSL's own command line (`openssl genpkey`, `req`, `ca`), not by our
// code: the independent side of the signing interop tests. Each certificate gets exactly the
// extensions and validity dates the test names, so the chain and usage rules can be checked
// against OpenSSL's and xmlsec1's verdicts on the same files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OpensslCertificate {
  name: string;
  certificatePath: string;
  /** PKCS#8 PEM, unencrypted. */
  keyPath: string;
  der: Uint8Array;
}

export interface IssueRequest {
  /** File stem and common name. */
  name: string;
  /** Absent: self-signed. */
  issuer?: OpensslCertificate;
  /** Lines of the extension section, e.g. "basicConstraints=critical,CA:TRUE". */
  extensions: string[];
  /** OpenSSL times, YYYYMMDDHHMMSSZ. */
  startDate?: string;
  endDate?: string;
}

/** End-entity signer in Windows' profile: digitalSignature, code signing, EV policy. */
export const EV_SIGNER_EXTENSIONS = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=codeSigning',
  'certificatePolicies=2.23.140.1.1',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
];

export const CA_EXTENSIONS = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];

function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

export const YEAR_MS = 365 * 86_400_000;

function run(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
}

/** A throw-away OpenSSL CA directory; issue() makes one key and certificate per call. */
export class OpensslPki {
  private readonly configPath: string;

  constructor(readonly directory: string) {
    mkdirSync(path.join(directory, 'issued'), { recursive: true });
    writeFileSync(path.join(directory, 'index.txt'), '');
    writeFileSync(path.join(directory, 'serial'), '1000\n');
    this.configPath = path.join(directory, 'ca.cnf');
    writeFileSync(
      this.configPath,
      [
        '[ca]',
        'default_ca = testca',
        '[testca]',
        `database = ${path.join(directory, 'index.txt')}`,
        `new_certs_dir = ${path.join(directory, 'issued')}`,
        `serial = ${path.join(directory, 'serial')}`,
        'policy = anything',
        'default_md = sha256',
        'unique_subject = no',
        'copy_extensions = none',
        '[anything]',
        'commonName = supplied',
        'organizationName = optional',
        '[req]',
        'distinguished_name = dn',
        '[dn]',
        '',
      ].join('\n'),
    );
  }

  issue(request: IssueRequest): OpensslCertificate {
    const { directory } = this;
    const keyPath = path.join(directory, `${request.name}.key`);
    const csrPath = path.join(directory, `${request.name}.csr`);
    const certificatePath = path.join(directory, `${request.name}.pem`);
    const extensionsPath = path.join(directory, `${request.name}.ext`);
    writeFileSync(extensionsPath, ['[extensions]', ...request.extensions, ''].join('\n'));
    run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath], directory);
    run(['req', '-new', '-key', keyPath, '-subj', `/CN=${request.name}/O=OpenSSL Interop Test`, '-config', this.configPath, '-out', csrPath], directory);
    const signing = request.issuer ? ['-cert', request.issuer.certificatePath, '-keyfile', request.issuer.keyPath] : ['-selfsign', '-keyfile', keyPath];
    run(
      [
        'ca', '-batch', '-notext', '-config', this.configPath, ...signing, '-in', csrPath, '-out', certificatePath,
        '-startdate', request.startDate ?? opensslTime(new Date(Date.now() - 86_400_000)),
        '-enddate', request.endDate ?? opensslTime(new Date(Date.now() + 2 * YEAR_MS)),
        '-extfile', extensionsPath, '-extensions', 'extensions',
      ],
      directory,
    );
    const pem = readFileSync(certificatePath, 'utf8');
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? '';
    return { name: request.name, certificatePath, keyPath, der: new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) };
  }
}

export function opensslDate(date: Date): string {
  return opensslTime(date);
}
