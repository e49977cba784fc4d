// The registry of subcommands. Each capability adds its module here.
import type { Command } from '../command';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [serveCommand];
