// Secret providers: from an environment variable named by the user, or typed on the terminal with
// echo off. Never from argv, never written anywhere, never included in an error message.
import type { SecretProvider, SecretRequest } from './types';
import { KeyStoreError } from './types';

export function secretFromEnvironment(variable: string, env: NodeJS.ProcessEnv = process.env): SecretProvider {
  return async () => {
    const value = env[variable];
    if (value === undefined) throw new KeyStoreError('secretMissing', `environment variable ${variable} is not set`);
    return value;
  };
}

/** Reads one line from a TTY without echoing it. `label` is already translated by the caller. */
export function promptOnTerminal(label: (request: SecretRequest) => string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretProvider {
  return (request) =>
    new Promise((resolve, reject) => {
      if (!input.isTTY || typeof input.setRawMode !== 'function') {
        reject(new KeyStoreError('secretMissing', `no terminal to ask for the ${request.kind} of ${request.target}`));
        return;
      }
      output.write(label(request));
      let typed = '';
      input.setRawMode(true);
      input.resume();
      input.setEncoding('utf8');
      const finish = (value: string | null) => {
        input.setRawMode(false);
        input.pause();
        input.removeListener('data', onData);
        output.write('\n');
        resolve(value);
      };
      const onData = (chunk: string) => {
        for (const character of chunk) {
          if (character === '\r' || character === '\n') return finish(typed);
          if (character === '\u0003' || character === '\u0004') return finish(null);
          if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
          else typed += character;
        }
      };
      input.on('data', onData);
    });
}

/** Remembers the answer for one request so a store asking twice does not prompt twice. */
export function cachedSecret(provider: SecretProvider): SecretProvider {
  const answers = new Map<string, string | null>();
  return async (request) => {
    const key = `${request.kind}\u0000${request.target}`;
    if (!answers.has(key)) answers.set(key, await provider(request));
    return answers.get(key) ?? null;
  };
}

/**
 * For a host that runs in a terminal (`provstudio serve`): asks on the terminal with echo off;
 * when standard input is not a terminal (automation), reads the next line of standard input.
 * Either way the secret is typed outside the browser page. Standard input is only read while a
 * question is open, so an idle host does not hold it (and can exit).
 */
export function promptOnStandardInput(label: (request: SecretRequest) => string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretProvider {
  if (input.isTTY) return promptOnTerminal(label, input, output);
  let buffered = '';
  let ended = false;
  input.once('end', () => (ended = true));
  // A pipe on standard input keeps Node running even when paused, unless it is unref'd.
  const handle = input as unknown as { ref?(): void; unref?(): void };
  return (request) => {
    output.write(label(request) + '\n');
    return new Promise((resolve) => {
      const takeLine = (): boolean => {
        const newline = buffered.indexOf('\n');
        if (newline === -1) return false;
        const line = buffered.slice(0, newline).replace(/\r$/, '');
        buffered = buffered.slice(newline + 1);
        finish(line);
        return true;
      };
      const onData = (chunk: Buffer | string) => {
        buffered += chunk.toString();
        takeLine();
      };
      const onEnd = () => finish(null);
      const finish = (value: string | null) => {
        input.removeListener('data', onData);
        input.removeListener('end', onEnd);
        input.pause();
        handle.unref?.();
        resolve(value);
      };
      if (takeLine()) return;
      if (ended) return resolve(null);
      input.on('data', onData);
      input.once('end', onEnd);
      handle.ref?.();
      input.resume();
    });
  };
}
