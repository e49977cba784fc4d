// `provstudio serve --open` starts the browser with a one-time launch address: the token never
// appears on a command line (where `ps` shows it to every user). A stand-in `xdg-open` records the
// command line the browser would get.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CLI_BIN } from '../support/cli';


function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      })
      .on('error', reject);
  });
}

it.skipIf(process.platform !== 'linux')('serve --open gives the browser a one-time launch URL, never the token', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'provstudio-open-'));
  const recorded = path.join(work, 'argv.txt');
  const launcher = path.join(work, 'xdg-open');
  writeFileSync(launcher, `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > '${recorded}'\n`);
  chmodSync(launcher, 0o755);
  const server = spawn(process.execPath, [CLI_BIN, 'serve', '--open', '--data-dir', path.join(work, 'data')], {
    env: { ...process.env, PATH: `${work}:${process.env.PATH}`, PROVSTUDIO_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const printed = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
        if (match) resolve(match[0]);
      });
      server.on('exit', () => reject(new Error(`serve exited: ${output}`)));
    });
    const token = new URL(printed).searchParams.get('token')!;
    await expect.poll(() => existsSync(recorded) && readFileSync(recorded, 'utf8').includes('/launch/'), { timeout: 10_000 }).toBe(true);
    const argv = readFileSync(recorded, 'utf8');
    expect(argv).not.toContain(token);
    const launch = argv.split('\n').find((line) => line.includes('/launch/'))!;
    const first = await get(launch);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/?token=${token}`);
    expect(String(first.headers['set-cookie'])).toContain(`provstudio-token=${token}`);
    expect((await get(launch)).status).toBe(401);
  } finally {
    server.kill('SIGTERM');
  }
});
