// A CPU profile of a page's main thread through CDP's Profiler, with its clock lined up with the
// page's performance.now(): a 20 ms busy loop of a known name runs right after the profiler starts,
// and its first sample is where that loop began. Used by the diagnostic tools
// profile-form-change.ts and profile-keystroke.ts (never by a test or the bench's numbers).
import type { CDPSession, Page } from 'playwright-core';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds, on the profiler's clock. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface PageProfileResult {
  profile: CpuProfile;
  /** The profiler's clock minus performance.now(), in microseconds: a sample at time t happened at performance.now() = (t - offset) / 1000. */
  offsetMicros: number;
  /** performance.now() when the sync loop began (ms). */
  syncStart: number;
}

export interface PageProfile {
  cdp: CDPSession;
  stop(): Promise<PageProfileResult>;
}

export async function startPageProfile(page: Page, samplingIntervalMicros = 250): Promise<PageProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: samplingIntervalMicros });
  await cdp.send('Profiler.start');
  const syncStart = await page.evaluate(() => {
    const w = window as unknown as { __profileClockSync?: () => number };
    w.__profileClockSync = function __profileClockSync() {
      const start = performance.now();
      while (performance.now() - start < 20) {
        /* busy */
      }
      return start;
    };
    return w.__profileClockSync();
  });
  return {
    cdp,
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      let time = profile.startTime;
      let syncSample = NaN;
      profile.samples.forEach((id, index) => {
        time += profile.timeDeltas[index] ?? 0;
        if (Number.isNaN(syncSample) && byId.get(id)?.callFrame.functionName === '__profileClockSync') syncSample = time;
      });
      if (Number.isNaN(syncSample)) throw new Error('no clock-sync loop in the profile');
      return { profile, offsetMicros: syncSample - syncStart * 1000, syncStart };
    },
  };
}
