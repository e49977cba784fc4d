// Types of scripts/json-as-parse.mjs for the tests that import it.
import type { Plugin } from 'esbuild';

export const JSON_PARSE_FROM_BYTES: number;
export function jsonParseModule(text: string): string;
export function jsonAsParse(): Plugin;
