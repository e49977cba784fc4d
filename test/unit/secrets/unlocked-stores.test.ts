// Stores kept unlocked between operations, with real parts: a PFX file made by the test EV kit,
// and a SoftHSM2 token whose key and certificate softhsm2-util and pkcs11-tool wrote. The secret is
// asked once per store, never kept (no string equal to it in the cache's objects), and asked again
// after an idle time, after Lock, and after a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKeyStore, SOFTHSM_CANDIDATES, type KeyStoreChoice, type SecretProvider } from '../../../shared/node/keystores/index';
import { UnlockedStores } from '../../../shared/node/keystores/unlocked-stores';
import { sign } from '../../../shared/node/signing/sign';
import { verify } from '../../../shared/node/signing/verify';
import { makeTestEvKit, type TestEvKit } from '../../../shared/node/signing/test-ev-kit';
import { SAMPLE, temporaryDirectory, toolAvailable } from '../signing/support';

const PASSWORD = 'unlock-cache-secret-5521';
const PIN = '735194';
const softhsmModule = SOFTHSM_CANDIDATES.find((candidate) => existsSync(candidate));

let kit: TestEvKit;
let directory: string;
const caches: UnlockedStores[] = [];

function counting(secret: string): { provider: SecretProvider; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    provider: async (request) => {
      asked.push(`${request.kind}:${request.target}`);
      return secret;
    },
  };
}

function cache(idleMs: number): UnlockedStores {
  const made = new UnlockedStores({ idleMs, open: openKeyStore });
  caches.push(made);
  return made;
}

async function signWith(unlocked: UnlockedStores, choice: KeyStoreChoice, secrets: SecretProvider, identityId: string): Promise<Uint8Array> {
  return unlocked.use(choice, secrets, async (store) => sign(Buffer.from(SAMPLE), await store.signer(identityId, secrets), {}));
}

/** Every string reachable from `root` through properties, Map/Set entries and arrays. */
function reachableStrings(root: unknown): string[] {
  const seen = new Set<unknown>();
  const strings: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') return void strings.push(value);
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        visit(key);
        visit(entry);
      }
    }
    if (value instanceof Set) for (const entry of value) visit(entry);
    if (ArrayBuffer.isView(value)) return void strings.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1'));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value);
    }
  };
  visit(root);
  return strings;
}

beforeAll(async () => {
  directory = temporaryDirectory('provstudio-unlock-');
  kit = await makeTestEvKit(path.join(directory, 'kit'), PASSWORD);
});

afterEach(async () => {
  await Promise.all(caches.splice(0).map((unlocked) => unlocked.lock()));
});

describe('a PFX kept unlocked', () => {
  const pfx = (): KeyStoreChoice => ({ kind: 'pfx', path: kit.pfxPath });

  it('asks once for listing and signing, and keeps no string equal to the password', async () => {
    const unlocked = cache(60_000);
    const { provider, asked } = counting(PASSWORD);
    const [identity] = await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    const signed = await signWith(unlocked, pfx(), provider, identity!.id);
    await signWith(unlocked, pfx(), provider, identity!.id);
    expect(asked).toEqual(['password:signer.pfx']);
    expect((await verify(signed, { trustedRoots: [kit.root.der] })).accepted).toBe(true);
    expect(unlocked.list()).toEqual([expect.objectContaining({ kind: 'pfx', target: kit.pfxPath })]);
    // The walk finds a secret where one is kept (so the check below can fail).
    expect(reachableStrings({ kept: new Map([['store', { answers: [PASSWORD] }]]) })).toContain(PASSWORD);
    const strings = reachableStrings(unlocked);
    expect(strings).toContain(kit.pfxPath);
    expect(strings.filter((text) => text.includes(PASSWORD))).toEqual([]);
  });

  it('locks after the idle time and asks again', async () => {
    const unlocked = cache(150);
    const { provider, asked } = counting(PASSWORD);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(unlocked.list()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(unlocked.list()).toEqual([]);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(asked).toHaveLength(2);
  });

  it('a new idle time (the app\'s setting) applies to stores open now: 0 locks them, a time reschedules them', async () => {
    const unlocked = cache(60_000);
    const { provider, asked } = counting(PASSWORD);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    unlocked.setIdleMs(120_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [entry] = unlocked.list();
    expect(entry!.locksAt - Date.now()).toBeGreaterThan(100_000);
    unlocked.setIdleMs(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unlocked.list()).toEqual([]);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(unlocked.list()).toEqual([]);
    expect(asked).toHaveLength(2);
  });

  it('use keeps it unlocked: the idle time counts from the last use', async () => {
    const unlocked = cache(300);
    const { provider, asked } = counting(PASSWORD);
    for (let round = 0; round < 4; round += 1) {
      await unlocked.use(pfx(), provider, (store) => store.listIdentities());
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(asked).toHaveLength(1);
  });

  it('locks on request (one store or all) and asks again', async () => {
    const unlocked = cache(60_000);
    const { provider, asked } = counting(PASSWORD);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    const [entry] = unlocked.list();
    await unlocked.lock(entry!.key);
    expect(unlocked.list()).toEqual([]);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    await unlocked.lock();
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(asked).toHaveLength(3);
  });

  it('a wrong password, or none, leaves it locked', async () => {
    const unlocked = cache(60_000);
    await expect(unlocked.use(pfx(), async () => 'wrong', (store) => store.listIdentities())).rejects.toMatchObject({ code: 'wrongSecret' });
    await expect(unlocked.use(pfx(), async () => null, (store) => store.listIdentities())).rejects.toMatchObject({ code: 'secretMissing' });
    expect(unlocked.list()).toEqual([]);
    const { provider, asked } = counting(PASSWORD);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(asked).toHaveLength(1);
  });

  it('0 minutes: asks for every operation', async () => {
    const unlocked = cache(0);
    const { provider, asked } = counting(PASSWORD);
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    await unlocked.use(pfx(), provider, (store) => store.listIdentities());
    expect(asked).toHaveLength(2);
    expect(unlocked.list()).toEqual([]);
  });

  it('two operations at once on a locked store ask once', async () => {
    const unlocked = cache(60_000);
    const { provider, asked } = counting(PASSWORD);
    await Promise.all([unlocked.use(pfx(), provider, (store) => store.listIdentities()), unlocked.use(pfx(), provider, (store) => store.listIdentities())]);
    expect(asked).toHaveLength(1);
  });
});

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
}

describe.runIf(softhsmModule && toolAvailable('softhsm2-util', ['--version']) && toolAvailable('pkcs11-tool', ['--version']))('a SoftHSM2 token kept logged in', () => {
  const TOKEN = 'unlock-cache';
  const token = (): KeyStoreChoice => ({ kind: 'pkcs11', modulePath: softhsmModule!, tokenLabel: TOKEN });

  beforeAll(() => {
    const tokenDirectory = path.join(directory, 'softhsm');
    mkdirSync(path.join(tokenDirectory, 'tokens'), { recursive: true });
    const config = path.join(tokenDirectory, 'softhsm2.conf');
    writeFileSync(config, `directories.tokendir = ${path.join(tokenDirectory, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = config;
    run('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '87654321']);
    writeFileSync(path.join(tokenDirectory, 'key.pem'), kit.signer.privateKeyPem);
    writeFileSync(path.join(tokenDirectory, 'cert.der'), kit.signer.der);
    run('softhsm2-util', ['--import', path.join(tokenDirectory, 'key.pem'), '--token', TOKEN, '--label', 'signer', '--id', '5eed', '--pin', PIN]);
    run('pkcs11-tool', ['--module', softhsmModule!, '--login', '--pin', PIN, '--token-label', TOKEN, '--write-object', path.join(tokenDirectory, 'cert.der'), '--type', 'cert', '--id', '5eed', '--label', 'signer']);
  });

  it('asks for the PIN once for listing and signing; Lock logs out (a wrong PIN is then refused)', async () => {
    const unlocked = cache(60_000);
    const { provider, asked } = counting(PIN);
    const identities = await unlocked.use(token(), provider, (store) => store.listIdentities());
    expect(identities.map((identity) => identity.id)).toEqual([`${TOKEN}/5eed`]);
    const signed = await signWith(unlocked, token(), provider, `${TOKEN}/5eed`);
    await signWith(unlocked, token(), provider, `${TOKEN}/5eed`);
    expect(asked).toEqual([`pin:${TOKEN}`]);
    expect((await verify(signed, { trustedRoots: [kit.root.der] })).accepted).toBe(true);
    expect(reachableStrings(unlocked).filter((text) => text.includes(PIN))).toEqual([]);

    await unlocked.lock();
    // Still logged in, the token would take any PIN (CKR_USER_ALREADY_LOGGED_IN): it refuses this one.
    await expect(signWith(unlocked, token(), async () => '000000', `${TOKEN}/5eed`)).rejects.toMatchObject({ code: 'wrongSecret' });
    await signWith(unlocked, token(), provider, `${TOKEN}/5eed`);
    expect(asked).toHaveLength(2);
  });

  it('logs out after the idle time', async () => {
    const unlocked = cache(150);
    const { provider, asked } = counting(PIN);
    await signWith(unlocked, token(), provider, `${TOKEN}/5eed`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(signWith(unlocked, token(), async () => '000000', `${TOKEN}/5eed`)).rejects.toMatchObject({ code: 'wrongSecret' });
    expect(asked).toHaveLength(1);
  });
});
