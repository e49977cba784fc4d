// The registry of subcommands. Each capability adds its module here.
import type { Command } from '../command';
import { certsCommand } from './certs';
import { insertCommand, removeCommand, setCommand } from './edit';
import { diffCommand } from './diff';
import { dryRunCommand } from './dry-run';
import { explainCommand } from './explain';
import { generateCommand } from './generate';
import { inspectCommand } from './inspect';
import { newCommand } from './new';
import { serveCommand } from './serve';
import { signCommand } from './sign';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';
import { websiteCommand } from './website';

export const COMMANDS: readonly Command[] = [
  newCommand,
  validateCommand,
  setCommand,
  insertCommand,
  removeCommand,
  signCommand,
  generateCommand,
  verifyCommand,
  certsCommand,
  inspectCommand,
  explainCommand,
  dryRunCommand,
  diffCommand,
  serveCommand,
  websiteCommand,
];
