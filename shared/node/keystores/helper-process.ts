// Running the small platform helpers (PowerShell on Windows, Swift and `security` on macOS):
// a request goes in as one JSON document on stdin, the answer comes back as one JSON document on
// stdout. Binary data travels as base64. Nothing secret is ever put on the command line.
import { spawn } from 'node:child_process';
import { KeyStoreError } from './types';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs a program with arguments (no shell), optionally feeding stdin. */
export function runCommand(command: string, args: string[], stdin?: string, timeoutMs = 120_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new KeyStoreError('storeUnavailable', `cannot run ${command}: ${error.message}`)));
    child.on('close', (code) => resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: code ?? -1 }));
    child.stdin.end(stdin ?? '');
  });
}

/** A helper that answers a JSON request with a JSON response. Tests substitute recorded answers. */
export type JsonHelper = (request: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function jsonHelperFromCommand(command: string, args: string[]): JsonHelper {
  return async (request) => {
    const result = await runCommand(command, args, JSON.stringify(request));
    return parseHelperResponse(result, command);
  };
}

export function parseHelperResponse(result: CommandResult, helperName: string): Record<string, unknown> {
  let response: Record<string, unknown>;
  try {
    response = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
  } catch {
    throw new KeyStoreError('helperFailed', `${helperName} did not answer with JSON (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 300)}`);
  }
  if (typeof response.error === 'string') throw new KeyStoreError('helperFailed', `${helperName}: ${response.error}`);
  return response;
}

export function base64Field(response: Record<string, unknown>, field: string): Uint8Array {
  const value = response[field];
  if (typeof value !== 'string') throw new KeyStoreError('helperFailed', `helper answer has no "${field}"`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}
