// Electron start-up without the Electron binary: the argv -> files logic, the queue that holds
// them until the window has loaded, and the page-side buffer of one-way events.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenRequests, filesFromArgv } from '../../../electron/launch-files';
import { HostEventBuffer } from '../../../electron/event-buffer';
import { CHANNELS, HOST_EVENTS, isChannel, isHostEvent, type Channel, type HostEvent } from '../../../shared/common/ipc';

describe('files from a command line', () => {
  it('a packaged app: every argument after the executable that is not a switch, resolved against the cwd', () => {
    expect(filesFromArgv(['/opt/Provisioning Studio/provisioning-studio', 'plan.xml', '/data/other.xml'], { cwd: '/home/qa', defaultApp: false })).toEqual([
      '/home/qa/plan.xml',
      '/data/other.xml',
    ]);
  });

  it('`electron <app>`: the app path is not a file', () => {
    expect(filesFromArgv(['/usr/bin/electron', '.', 'a.xml'], { cwd: '/repo', defaultApp: true })).toEqual(['/repo/a.xml']);
    expect(filesFromArgv(['/usr/bin/electron', '.'], { cwd: '/repo', defaultApp: true })).toEqual([]);
  });

  it("a second instance on Windows: Chromium's switches are skipped, the path is kept as Windows writes it", () => {
    const argv = ['C:\\Program Files\\Provisioning Studio\\Provisioning Studio.exe', '--allow-file-access-from-files', '--original-process-start-time=13346', 'C:\\Users\\qa\\Desktop\\Contoso.xml', 'relative\\b.xml'];
    expect(filesFromArgv(argv, { cwd: 'D:\\work', defaultApp: false, paths: path.win32 })).toEqual(['C:\\Users\\qa\\Desktop\\Contoso.xml', 'D:\\work\\relative\\b.xml']);
  });

  it('file: URLs become paths; empty arguments and a bare -- are ignored', () => {
    expect(filesFromArgv(['app', '', '--', 'file:///tmp/Caf%C3%A9.xml'], { cwd: '/', defaultApp: false })).toEqual(['/tmp/Café.xml']);
  });
});

describe('open requests', () => {
  it('wait for a window, in order and once each, then flow straight through', () => {
    const requests = new OpenRequests();
    requests.add(['/a.xml', '/b.xml', '/a.xml']);
    const opened: string[] = [];
    requests.connect((file) => opened.push(file));
    expect(opened).toEqual(['/a.xml', '/b.xml']);
    requests.add(['/c.xml']);
    expect(opened).toEqual(['/a.xml', '/b.xml', '/c.xml']);
    requests.disconnect();
    requests.add(['/d.xml']);
    expect(opened).toHaveLength(3);
    const next: string[] = [];
    requests.connect((file) => next.push(file));
    expect(next).toEqual(['/d.xml']);
  });
});

describe('one-way host events in the page', () => {
  it('an event sent before anyone listens is handed to the first listener; later ones go straight to it', () => {
    const events = new HostEventBuffer();
    events.emit('file.openRequested', { path: '/early.xml' });
    const seen: string[] = [];
    const stop = events.on('file.openRequested', ({ path: file }) => seen.push(file));
    events.emit('file.openRequested', { path: '/late.xml' });
    expect(seen).toEqual(['/early.xml', '/late.xml']);
    stop();
    events.emit('file.openRequested', { path: '/after-stop.xml' });
    expect(seen).toHaveLength(2);
  });

  it('menu commands reach only their own listeners', () => {
    const events = new HostEventBuffer();
    const commands: string[] = [];
    events.on('menu.command', (command) => commands.push(command));
    events.emit('menu.command', 'file.save');
    expect(commands).toEqual(['file.save']);
  });
});

describe('the contract lists', () => {
  it('request/response channels and one-way events are apart', () => {
    expect(CHANNELS).toContain('file.read');
    expect(HOST_EVENTS).toEqual(['menu.command', 'file.openRequested']);
    for (const event of HOST_EVENTS) expect(isChannel(event)).toBe(false);
    for (const channel of CHANNELS) expect(isHostEvent(channel)).toBe(false);
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('a table that misses a channel or an event does not compile', () => {
    // @ts-expect-error every channel of HostContract must be in a channel table
    const missingChannel: { readonly [C in Channel]: true } = { 'app.info': true };
    // @ts-expect-error every event of HostEvents must be in an event table
    const missingEvent: { readonly [E in HostEvent]: true } = { 'menu.command': true };
    expect([missingChannel, missingEvent]).toHaveLength(2);
  });
});
