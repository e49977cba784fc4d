// What the web-site simulator reports (shared/node/website/simulate.ts runs it; the CLI prints it,
// the app's Simulator panel shows it through the host channel website.simulate).
import type { Language } from '../i18n/core';
import type { Prediction, SimPresence } from '../semantic/dry-run';
import type { RenderedPrediction } from '../semantic/dry-run-report';
import type { DeviceValues } from './account-url';
import type { ProvisionResult, SettingsRefusal } from './handover';

/** The PC the page is opened on. */
export type SimulatedPc = 'windows10-2004' | 'internet-explorer';

export interface SimulatedRequest {
  url: string;
  method: string;
  resourceType: string;
  status?: number;
  /** A host other than the site's: a walled garden blocks it, so the simulator does too. */
  otherHost: boolean;
}

export interface Handover {
  mechanism: 'msProvisionNetworks' | 'settings';
  /** For the Settings link: the URI the Settings app downloads. */
  fileUrl?: string;
  /** Why the file could not be obtained (Settings link). */
  fetchError?: string;
  size: number;
  sha256: string;
  text: string;
  result: ProvisionResult;
  resultName: string;
  /** The Settings app's own requirements that the file misses (Settings link only). */
  settingsRefusals: SettingsRefusal[];
  /** Windows asks the user whether to trust the signer (first use). */
  consentAsked: boolean;
  prediction: Prediction;
  rendered: RenderedPrediction;
}

export interface SimulationReport {
  url: string;
  pc: SimulatedPc;
  language: Language;
  requests: SimulatedRequest[];
  /** Content-Security-Policy violations the page reported (a resource its own policy refuses). */
  policyViolations: Array<{ blockedUri: string; directive: string }>;
  otherHosts: string[];
  handovers: Handover[];
  /** The text of the page's status region ([role=status]) at the end, if it has one. */
  pageStatus: string;
  /** Errors the page's scripts threw. */
  pageErrors: string[];
  /** Whether a hand-over control was found and clicked. */
  clicked: boolean;
  /** Every hand-over returned 0 and no request left the site. */
  success: boolean;
  screenshot?: Uint8Array;
}

/** What the app asks its host to simulate (trusted certificates as paths the user chose). */
export interface WebsiteSimulateRequest {
  url: string;
  device: DeviceValues;
  pc: SimulatedPc;
  language: Language;
  sim: SimPresence;
  wifi: boolean;
  mbn: boolean;
  consent: 'accept' | 'decline';
  trustedPaths: string[];
  tlsTrustPaths: string[];
  /** The provisioning file applied to this PC before (its TrustedCertificates pre-trust a signer). */
  previousText?: string;
}

/** The report as the host returns it: the screenshot as base64 PNG. */
export type WebsiteSimulation = Omit<SimulationReport, 'screenshot'> & { screenshotPng?: string };
