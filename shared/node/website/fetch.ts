// One HTTP(S) GET as a PC on the operator's network makes it: TLS checked against the system's
// roots, or only the certificates given (a test CA), never switched off. Used by the simulator (the
// Settings app downloading the file) and by `provstudio website check`.
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';

export interface FetchedResource {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** For https: the server certificate's facts as the TLS layer saw them. */
  tls?: { authorized: boolean; error?: string; subject?: string; issuer?: string; validTo?: string; subjectAltName?: string };
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  /** PEM certificates to trust instead of the system's roots (a test CA). */
  ca?: string[];
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Largest body read (default 20 MB). */
  maxBytes?: number;
}

/** PEM text of DER or PEM certificate bytes. */
export function pemOf(bytes: Uint8Array): string {
  return new X509Certificate(Buffer.from(bytes)).toString();
}

export function fetchResource(url: string, options: FetchOptions = {}): Promise<FetchedResource> {
  const target = new URL(url);
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new FetchError(url, 'scheme', `unsupported scheme ${target.protocol}`));
      return;
    }
    const request = (secure ? https : http).request(
      target,
      { method: 'GET', headers: options.headers ?? {}, timeout: options.timeoutMs ?? 15_000, ...(secure ? { ca: options.ca, rejectUnauthorized: true } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let tls: FetchedResource['tls'];
        if (secure) {
          const socket = response.socket as TLSSocket;
          const peer = socket.getPeerCertificate?.();
          tls = { authorized: socket.authorized };
          if (peer && peer.subject) {
            tls.subject = Object.entries(peer.subject).map(([key, value]) => `${key}=${String(value)}`).join(', ');
            tls.issuer = Object.entries(peer.issuer ?? {}).map(([key, value]) => `${key}=${String(value)}`).join(', ');
            tls.validTo = peer.valid_to;
            if (peer.subjectaltname) tls.subjectAltName = peer.subjectaltname;
          }
        }
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(new FetchError(url, 'tooLarge', `more than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ url, status: response.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)), ...(tls ? { tls } : {}) });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new FetchError(url, 'timeout', 'no answer in time')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(error instanceof FetchError ? error : new FetchError(url, error.code ?? 'network', error.message));
    });
    request.end();
  });
}
