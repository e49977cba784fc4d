// Turning a DER certificate into the Identity a store lists.
import { summarizeCertificate } from '../signing/certificates';
import type { Identity } from './types';

export function identityFromCertificate(id: string, der: Uint8Array, label?: string): Identity {
  const summary = summarizeCertificate(der);
  return {
    id,
    subject: summary.subject,
    issuer: summary.issuer,
    serial: summary.serial,
    thumbprintSha1: summary.thumbprintSha1,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    ev: summary.ev,
    keyType: summary.keyType,
    ...(label === undefined ? {} : { label }),
  };
}

/** Leaf first: puts `leaf` at the front and orders the rest issuer after issuer where it can. */
export function orderLeafFirst(leaf: Uint8Array, others: Uint8Array[]): Uint8Array[] {
  return [leaf, ...others.filter((der) => Buffer.compare(Buffer.from(der), Buffer.from(leaf)) !== 0)];
}
