// The set-up the signing end-to-end tests share: a test EV kit (signer.pfx under `password`,
// root.cer) made by the built CLI, a work folder holding contoso.xml (a small unsigned document),
// the browser host and Chromium (useServedApp).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll } from 'vitest';
import { useServedApp } from './app';
import { makeTestEvKit } from './cli';
import type { ServedApp } from './serve';

export const UNSIGNED_CONTOSO = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <CarrierId>{11111111-2222-3333-4444-555555555555}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

export interface SigningApp {
  /** The kit's folder: signer.pfx, root.cer, root.pem. */
  kit: string;
  /** Holds contoso.xml. */
  workDirectory: string;
  served: ServedApp;
  browser: Browser;
}

/** A test EV kit under `password` and a work folder holding contoso.xml, in new temporary folders. */
export function makeSigningFiles(password: string): { kit: string; workDirectory: string } {
  const kit = mkdtempSync(path.join(os.tmpdir(), 'provstudio-kit-'));
  makeTestEvKit(kit, password);
  const workDirectory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-sign-'));
  writeFileSync(path.join(workDirectory, 'contoso.xml'), UNSIGNED_CONTOSO);
  return { kit, workDirectory };
}

/** The signing files, the host and Chromium, made before the file's tests and stopped after. */
export function useSigningApp(password: string): SigningApp {
  const app = useServedApp() as SigningApp;
  beforeAll(() => Object.assign(app, makeSigningFiles(password)));
  return app;
}
