// Which files a launch asks to open, and holding them until the window can take them. Pure (no
// Electron): main.ts feeds it process.argv at start, the argv of a second launch (the single-instance
// lock forwards it to the running app) and macOS' open-file events; unit-tested in Node.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LaunchContext {
  /** The directory the launch ran in (relative paths resolve against it). */
  cwd: string;
  /** Electron started as `electron <app>` (process.defaultApp): argv[1] is the app, not a file. */
  defaultApp: boolean;
  /** The platform's path rules (path.win32 for Windows' argv in tests); default: this platform's. */
  paths?: path.PlatformPath;
}

/**
 * The files named on a command line: every argument after the executable (and after the app path
 * when run as `electron <app>`) that is not a switch. Chromium adds its own switches to a second
 * instance's argv (`--allow-file-access-from-files`, `--original-process-start-time=…`); they start
 * with '-' and are skipped, as is everything after a bare `--` being a switch too. `file:` URLs
 * (some file managers pass them) become paths; relative paths resolve against the launch's cwd.
 */
export function filesFromArgv(argv: readonly string[], context: LaunchContext): string[] {
  const paths = context.paths ?? path;
  const files: string[] = [];
  for (const argument of argv.slice(context.defaultApp ? 2 : 1)) {
    if (argument === '' || argument.startsWith('-')) continue;
    const file = argument.startsWith('file:') ? fileURLToPath(argument, { windows: paths === path.win32 }) : argument;
    files.push(paths.isAbsolute(file) ? paths.normalize(file) : paths.resolve(context.cwd, file));
  }
  return files;
}

/** Files waiting for a window: delivered at once while one is connected, kept (in order, once each) until then. */
export class OpenRequests {
  private readonly pending: string[] = [];
  private deliver: ((file: string) => void) | null = null;

  add(files: readonly string[]): void {
    for (const file of files) {
      if (this.deliver) this.deliver(file);
      else if (!this.pending.includes(file)) this.pending.push(file);
    }
  }

  /** A window is ready: it gets what waited, then each new request as it comes. */
  connect(deliver: (file: string) => void): void {
    this.deliver = deliver;
    for (const file of this.pending.splice(0)) deliver(file);
  }

  /** The window went away: requests wait for the next one. */
  disconnect(): void {
    this.deliver = null;
  }
}
