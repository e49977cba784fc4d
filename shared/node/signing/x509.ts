// The one entry point to @peculiar/x509, which needs the Reflect metadata API (reflect-metadata)
// loaded before it. Both are external packages, so their import order survives bundling.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export { x509 };
export type * as X509 from '@peculiar/x509';
