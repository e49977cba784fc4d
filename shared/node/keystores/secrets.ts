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

export interface TerminalPromptTexts {
  /** The question, already translated. */
  label(request: SecretRequest): string;
  /** Why nothing can be asked (no terminal), naming the option that gives the secret instead. */
  noTerminal(request: SecretRequest): string;
}

/** Reads one line from a TTY without echoing it; without a terminal, fails with `noTerminal`'s text. */
export function promptOnTerminal(texts: TerminalPromptTexts, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretProvider {
  return (request) =>
    new Promise((resolve, reject) => {
      if (!input.isTTY || typeof input.setRawMode !== 'function') {
        reject(new KeyStoreError('secretMissing', texts.noTerminal(request)));
        return;
      }
      output.write(texts.label(request));
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
