// The hosts' semantic channels through dispatch (request validation included): the dry run on the
// app's text, and the last committed version of a file in a real git work tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { templateByName } from '../../../shared/common/templates/index';

const handlers = createHostHandlers({ dataDirectory: mkdtempSync(path.join(os.tmpdir(), 'provstudio-host-')), kind: 'browser', version: '9.9.9', askSecret: async () => null, secretPrompt: 'promptPage' });
const WIFI = templateByName('wifi-open')!.text;

describe('semantic.dryRun', () => {
  it('predicts from the app text and refuses malformed requests', async () => {
    const prediction = await dispatch(handlers, 'semantic.dryRun', { text: WIFI, encoding: 'utf-8', source: 'website', sim: 'operator', wifi: true, mbn: true, trustedPaths: [] });
    expect(prediction).toMatchObject({ outcome: 'rejected', exception: '8217000e' });
    const applied = await dispatch(handlers, 'semantic.dryRun', { text: WIFI, encoding: 'utf-8', source: 'operator-app', sim: 'operator', wifi: false, mbn: true, trustedPaths: [], previousText: WIFI });
    expect(applied.resultXml).toContain('<WLANProfiles errorCode="80070426"/>');
    await expect(dispatch(handlers, 'semantic.dryRun', { text: WIFI, encoding: 'utf-8', source: 'fax', sim: 'operator', trustedPaths: [] })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'semantic.dryRun', { text: WIFI, encoding: 'utf-8', source: 'app', sim: 'none', trustedPaths: '/etc/passwd' })).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(dispatch(handlers, 'semantic.dryRun', { text: WIFI, encoding: 'utf-8', source: 'app', sim: 'none', trustedPaths: ['/nonexistent/root.cer'] })).rejects.toMatchObject({ code: 'signing.certificateUnreadable' });
  });
});

describe('git.committedVersion', () => {
  const git = (directory: string, ...args: string[]) => execFileSync('git', ['-C', directory, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args]);

  it('returns the text at HEAD for a file in a work tree (also in a sub-folder, with spaces and quotes in its name)', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-git-'));
    git(directory, 'init', '-q');
    mkdirSync(path.join(directory, 'sub dir'));
    const file = path.join(directory, 'sub dir', `it's "a" file.xml`);
    writeFileSync(file, 'committed text');
    git(directory, 'add', '.');
    git(directory, 'commit', '-q', '-m', 'one');
    writeFileSync(file, 'edited text');
    const committed = await dispatch(handlers, 'git.committedVersion', { path: file });
    expect(committed?.text).toBe('committed text');
    expect(committed?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('returns null outside a work tree, for an uncommitted file, and before the first commit', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'provstudio-nogit-'));
    writeFileSync(path.join(outside, 'a.xml'), 'x');
    expect(await dispatch(handlers, 'git.committedVersion', { path: path.join(outside, 'a.xml') })).toBeNull();
    const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-git-'));
    git(directory, 'init', '-q');
    writeFileSync(path.join(directory, 'new.xml'), 'x');
    expect(await dispatch(handlers, 'git.committedVersion', { path: path.join(directory, 'new.xml') })).toBeNull();
    writeFileSync(path.join(directory, 'other.xml'), 'y');
    git(directory, 'add', 'other.xml');
    git(directory, 'commit', '-q', '-m', 'one');
    expect(await dispatch(handlers, 'git.committedVersion', { path: path.join(directory, 'new.xml') })).toBeNull();
    await expect(dispatch(handlers, 'git.committedVersion', { path: 7 })).rejects.toMatchObject({ code: 'request.invalid' });
  });
});
