// The per-subscriber endpoint as an HTTP handler: GET /provisioning?SubId=... answers with that
// subscriber's file, freshly rendered from a template and its bindings, and signed. Used by the
// example server (examples/server/) and the landing-page kit (examples/website/, `provstudio
// website init`); exported by the library (dist/lib/provstudio.mjs).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Bindings, Row } from '../../common/subscriber/index';
import { sign, type Signer } from '../signing/sign';
import { summarizeCertificate } from '../signing/certificates';
import { render, RenderError } from './render';

export interface ProvisioningHandlerOptions {
  template: string | Uint8Array;
  bindings: Bindings | string;
  /** The subscriber's row by SubId (the IMSI Windows adds to the URL), or null when unknown. */
  lookup(subscriberId: string): Promise<Row | null>;
  signer: Signer;
  /** The path the handler answers (default /provisioning). */
  path?: string;
  log?(line: string): void;
}

/** The signer's certificate as the landing page needs to know it: EV or not (Windows requires EV from a web site). */
export interface SignerFacts {
  subject: string;
  issuer: string;
  ev: boolean;
}

export function signerFacts(signer: Pick<Signer, 'certificates'>): SignerFacts | null {
  const [leaf] = signer.certificates;
  if (!leaf) return null;
  const summary = summarizeCertificate(leaf);
  return { subject: summary.subject, issuer: summary.issuer, ev: summary.ev };
}

/** Header naming the signer's kind on every file served: `ev`, `not-ev`. The page offers the Settings link only for `ev`. */
export const SIGNER_HEADER = 'x-provisioning-signer';

/**
 * Returns a handler answering GET {path}?SubId=... (and ?download=1 as an attachment); false when
 * the request is for another path, so a site can chain its own routes after it.
 */
export function createProvisioningHandler(options: ProvisioningHandlerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const endpoint = options.path ?? '/provisioning';
  const log = options.log ?? (() => {});
  const facts = signerFacts(options.signer);
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== endpoint) return false;
    const answer = (status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      answer(405, 'method not allowed\n', undefined, { allow: 'GET, HEAD' });
      return true;
    }
    const subscriberId = url.searchParams.get('SubId');
    if (!subscriberId) {
      answer(400, 'SubId is required\n');
      return true;
    }
    try {
      const row = await options.lookup(subscriberId);
      if (!row) {
        answer(404, 'unknown subscriber\n');
        return true;
      }
      const signed = await sign(await render(options.template, options.bindings, row), options.signer);
      log(`200 ${subscriberId}`);
      const extra: Record<string, string> = { [SIGNER_HEADER]: facts?.ev ? 'ev' : 'not-ev' };
      if (url.searchParams.get('download') === '1') extra['content-disposition'] = 'attachment; filename="provisioning.xml"';
      answer(200, request.method === 'HEAD' ? '' : signed, 'application/xml', extra);
    } catch (error) {
      // RenderError messages name columns and codes, never the subscriber's secrets.
      if (error instanceof RenderError) {
        log(`422 ${subscriberId}: ${error.message}`);
        answer(422, `this subscriber's data gives no valid file: ${error.message}\n`);
      } else {
        log(`500 ${subscriberId}: ${error instanceof Error ? error.message : String(error)}`);
        answer(500, 'internal error\n');
      }
    }
    return true;
  };
}

/** An HTTP server with only the per-subscriber endpoint (404 for anything else). */
export function createProvisioningServer(options: ProvisioningHandlerOptions): http.Server {
  const handle = createProvisioningHandler(options);
  return http.createServer((request, response) => {
    void handle(request, response).then((handled) => {
      if (handled) return;
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    });
  });
}
