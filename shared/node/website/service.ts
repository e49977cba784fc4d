// The hosts' side of the Simulator panel: certificates read from the paths the user chose, the
// MCC/MNC list loaded, the simulation run with a screenshot returned as base64 PNG.
import { promises as fs } from 'node:fs';
import { HostError } from '../../common/ipc';
import type { WebsiteSimulateRequest, WebsiteSimulation } from '../../common/website/simulation';
import { loadNetworkDirectory } from '../../common/website/networks';
import { certificatesFromPemOrDer } from '../signing/certificates';
import { simulate, SimulateError } from './simulate';

async function certificatesAt(paths: string[]): Promise<Uint8Array[]> {
  const certificates: Uint8Array[] = [];
  for (const certificatePath of paths) {
    try {
      certificates.push(...certificatesFromPemOrDer(await fs.readFile(certificatePath)));
    } catch (error) {
      throw new HostError('signing.certificateUnreadable', 'error.signing.certificateUnreadable', { path: certificatePath, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return certificates;
}

export async function simulateRequest(request: WebsiteSimulateRequest): Promise<WebsiteSimulation> {
  try {
    new URL(request.url);
  } catch {
    throw new HostError('request.invalid', 'error.request.invalid', { channel: 'website.simulate', detail: 'url' });
  }
  try {
    const { screenshot, ...report } = await simulate({
      url: request.url,
      device: request.device,
      pc: request.pc,
      language: request.language,
      sim: request.sim,
      wifi: request.wifi,
      mbn: request.mbn,
      consent: request.consent,
      trustedCertificates: await certificatesAt(request.trustedPaths),
      tlsTrust: await certificatesAt(request.tlsTrustPaths),
      networks: await loadNetworkDirectory(),
      screenshot: true,
      ...(request.previousText !== undefined ? { previousText: request.previousText } : {}),
      timeoutMs: 30_000,
    });
    return { ...report, ...(screenshot ? { screenshotPng: Buffer.from(screenshot).toString('base64') } : {}) };
  } catch (error) {
    if (error instanceof SimulateError) throw new HostError('request.invalid', 'error.request.invalid', { channel: 'website.simulate', detail: 'url' });
    throw error;
  }
}
