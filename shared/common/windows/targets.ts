// Which Windows version a document is checked for. Windows validates a provisioning file with the
// XSDs it ships; Microsoft published those of Windows 8-10, and Windows 11 adds documented
// elements (Hotspot2 in WLANProfile). Our schemas/ folder is organised the same way:
//   schemas/*.xsd            windows10: the published schemas' verdict, nothing more, nothing less
//   schemas/windows11/*.xsd  files that replace same-named ones for windows11
//   schemas/authoring/*.xsd  what we know beyond the published schemas about content Windows' schema
//                            lets through lax slots (OneX, FIPSMode); used by the forms and lint,
//                            never for the verdict
// A "schema library" is every .xsd under schemas/, keyed by its path relative to schemas/.
import { NAMESPACES } from '../xml/namespaces';

export const WINDOWS_TARGETS = ['windows10', 'windows11'] as const;
export type WindowsTarget = (typeof WINDOWS_TARGETS)[number];
export const DEFAULT_TARGET: WindowsTarget = 'windows11';

/** How people name each target (the same in every language). */
export const TARGET_NAMES: Readonly<Record<WindowsTarget, string>> = { windows10: 'Windows 10', windows11: 'Windows 11' };

export function isWindowsTarget(value: unknown): value is WindowsTarget {
  return typeof value === 'string' && (WINDOWS_TARGETS as readonly string[]).includes(value);
}

/** Every .xsd under schemas/, keyed by its path relative to schemas/ ("base.xsd", "windows11/wlan-v1-additions.xsd"). */
export type SchemaLibrary = Readonly<Record<string, string>>;

const AUTHORING_FOLDER = 'authoring';

function filesIn(library: SchemaLibrary, folder: string | null): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(library)) {
    const slash = name.lastIndexOf('/');
    const directory = slash === -1 ? null : name.slice(0, slash);
    if (directory === folder) files[name.slice(slash + 1)] = text;
  }
  return files;
}

/** The schema set Windows validates with for this target (file name -> XSD text). */
export function schemaSetFor(library: SchemaLibrary, target: WindowsTarget): Record<string, string> {
  const files = filesIn(library, null);
  // Each target builds on the ones before it.
  for (const step of WINDOWS_TARGETS.slice(1, WINDOWS_TARGETS.indexOf(target) + 1)) Object.assign(files, filesIn(library, step));
  return files;
}

/** The newest target's set plus our authoring knowledge: what the schema model (forms, completion, lint) is compiled from. */
export function authoringSchemaSet(library: SchemaLibrary): Record<string, string> {
  return { ...schemaSetFor(library, WINDOWS_TARGETS[WINDOWS_TARGETS.length - 1]!), ...filesIn(library, AUTHORING_FOLDER) };
}

/** An element a later Windows version added to the schema: forms offer it and lint accepts it only from that target on. */
export interface TargetAddition {
  namespaceUri: string;
  localName: string;
  /** Local name of the parent it goes into. */
  parentLocalName: string;
  since: WindowsTarget;
}

export const TARGET_ADDITIONS: readonly TargetAddition[] = [{ namespaceUri: NAMESPACES.wlanV1, localName: 'Hotspot2', parentLocalName: 'WLANProfile', since: 'windows11' }];

/** True when `target` is `since` or newer. */
export function targetIncludes(target: WindowsTarget, since: WindowsTarget): boolean {
  return WINDOWS_TARGETS.indexOf(target) >= WINDOWS_TARGETS.indexOf(since);
}

/** The addition this element is, when the target does not know it yet. */
export function additionUnknownTo(target: WindowsTarget, namespaceUri: string, localName: string): TargetAddition | undefined {
  return TARGET_ADDITIONS.find((addition) => addition.namespaceUri === namespaceUri && addition.localName === localName && !targetIncludes(target, addition.since));
}
