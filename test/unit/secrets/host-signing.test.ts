// The host's signing channels with the prompt server, as the browser host binds them: a question
// appears (with its prompt page) while a store is locked, the answer posted to the prompt page
// opens the store once for listing and signing, Lock and cancelling work through the channels.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError, type HostHandlers } from '../../../shared/common/ipc';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { startSecretPromptServer, type SecretPromptServer } from '../../../shared/node/secret-prompt/prompt-server';
import { makeTestEvKit, type TestEvKit } from '../../../shared/node/signing/test-ev-kit';
import { SAMPLE } from '../signing/support';

const PASSWORD = 'host-channel-secret-3310';
let prompt: SecretPromptServer;
let handlers: HostHandlers;
let kit: TestEvKit;

beforeAll(async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-secrets-'));
  kit = await makeTestEvKit(path.join(directory, 'kit'), PASSWORD);
  prompt = await startSecretPromptServer({ language: () => 'en' });
  handlers = createHostHandlers({ dataDirectory: path.join(directory, 'data'), kind: 'browser', version: '0', askSecret: prompt.askSecret, secretQuestions: prompt.questions, secretPrompt: 'promptPage' });
});

afterAll(async () => {
  await dispatch(handlers, 'signing.lock', {});
  await prompt.close();
});

/** Waits for the host's question, as the Sign dialog does. */
async function question() {
  for (;;) {
    const [open] = await dispatch(handlers, 'signing.secretQuestions', undefined);
    if (open) return open;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Answers as the prompt page's form does (a post from its own origin). */
async function answer(url: string, secret: string): Promise<number> {
  const parsed = new URL(url);
  const response = await fetch(`${parsed.origin}${parsed.pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: parsed.origin },
    body: new URLSearchParams({ token: parsed.searchParams.get('token')!, action: 'ok', secret }).toString(),
  });
  return response.status;
}

describe('signing channels with the prompt server', () => {
  const store = () => ({ kind: 'pfx' as const, path: kit.pfxPath });

  it('asks once per store, keeps it unlocked, locks on request, and a cancelled question fails the operation', async () => {
    const offer = await dispatch(handlers, 'signing.keyStores', undefined);
    expect(offer).toMatchObject({ secretPrompt: 'promptPage', keepUnlockedMs: 300_000 });

    const listing = dispatch(handlers, 'signing.listIdentities', { store: store() });
    const asked = await question();
    expect(asked).toMatchObject({ kind: 'password', target: 'signer.pfx' });
    expect(asked.url!.startsWith(prompt.origin)).toBe(true);
    expect(await answer(asked.url!, PASSWORD)).toBe(200);
    const [identity] = await listing;

    const signed = await dispatch(handlers, 'signing.sign', { text: SAMPLE, encoding: 'utf-8', store: store(), identityId: identity!.id, digest: 'sha256', includeChain: false });
    expect(signed.text).toContain('<Signature');
    expect(await dispatch(handlers, 'signing.secretQuestions', undefined)).toEqual([]);
    const unlocked = await dispatch(handlers, 'signing.unlockedStores', undefined);
    expect(unlocked).toEqual([expect.objectContaining({ kind: 'pfx', target: kit.pfxPath })]);
    expect(JSON.stringify(unlocked)).not.toContain(PASSWORD);

    await dispatch(handlers, 'signing.lock', { key: unlocked[0]!.key });
    expect(await dispatch(handlers, 'signing.unlockedStores', undefined)).toEqual([]);

    const again = dispatch(handlers, 'signing.listIdentities', { store: store() });
    const second = await question();
    await dispatch(handlers, 'signing.cancelSecretQuestion', { id: second.id });
    const failure = await again.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HostError);
    expect((failure as HostError).code).toBe('keystore.secretMissing');
    expect(await answer(second.url!, PASSWORD)).toBe(404);
  });

  it('validates the new channels\' requests', async () => {
    await expect(dispatch(handlers, 'signing.cancelSecretQuestion', {} as never)).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'signing.lock', { key: 7 } as never)).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'signing.lock', 'all' as never)).rejects.toMatchObject({ code: 'request.invalid' });
  });
});
