// The section pages of the form view: which part of CarrierProvisioning each page edits.
// A page is a root child (by name) and, for MBN profiles / SMS / Branding, a grandchild.
import type { MessageKey } from '../i18n/index';
import { childElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import { NS } from './declarations';
import { pathOf } from '../xml/element-path';

export type SectionId = 'global' | 'activation' | 'mbn' | 'sms' | 'branding' | 'wlan' | 'plans' | 'provisioning' | 'v2' | 'signature';

export interface SectionStep {
  namespace: string;
  localName: string;
}

export interface SectionDefinition {
  id: SectionId;
  titleKey: MessageKey;
  /** Steps from the root to the element this page edits (created on demand with "Add"). */
  steps: SectionStep[];
  /** For pages that edit only some children of their element (MBNProfiles is shared by three pages). */
  onlyChildren?: SectionStep[];
}

const cc = (localName: string): SectionStep => ({ namespace: NS.cc, localName });
const wwan = (localName: string): SectionStep => ({ namespace: NS.wwan, localName });

export const SECTIONS: readonly SectionDefinition[] = [
  { id: 'global', titleKey: 'forms.section.global', steps: [cc('Global')] },
  { id: 'activation', titleKey: 'forms.section.activation', steps: [cc('Activation')] },
  { id: 'mbn', titleKey: 'forms.section.mbn', steps: [cc('MBNProfiles')], onlyChildren: [wwan('DefaultProfile'), wwan('PurchaseProfile')] },
  { id: 'sms', titleKey: 'forms.section.sms', steps: [cc('MBNProfiles'), wwan('Messages')] },
  { id: 'branding', titleKey: 'forms.section.branding', steps: [cc('MBNProfiles'), wwan('Branding')] },
  { id: 'wlan', titleKey: 'forms.section.wlan', steps: [cc('WLANProfiles')] },
  { id: 'plans', titleKey: 'forms.section.plans', steps: [cc('Plans')] },
  { id: 'provisioning', titleKey: 'forms.section.provisioning', steps: [cc('Provisioning')] },
  { id: 'v2', titleKey: 'forms.section.v2', steps: [cc('Extensions'), { namespace: NS.cc2, localName: 'Extensions_v2' }] },
  { id: 'signature', titleKey: 'forms.section.signature', steps: [{ namespace: NS.ds, localName: 'Signature' }] },
];

export function sectionById(id: SectionId): SectionDefinition {
  return SECTIONS.find((section) => section.id === id)!;
}

function findStep(parent: XmlElementNode, step: SectionStep): XmlElementNode | undefined {
  return childElements(parent).find((child) => child.localName === step.localName && child.namespaceUri === step.namespace);
}

export interface SectionLocation {
  /** The deepest existing element along the steps. */
  element: XmlElementNode;
  /** How many steps exist (steps.length = the page's element exists). */
  depth: number;
}

export function locateSection(document: XmlDocumentNode, section: SectionDefinition): SectionLocation {
  let element = document.root;
  let depth = 0;
  for (const step of section.steps) {
    const next = findStep(element, step);
    if (!next) break;
    element = next;
    depth++;
  }
  return { element, depth };
}

/** The page that shows an element (by its path), for "select in tree" / "go to problem". */
export function sectionOfPath(document: XmlDocumentNode, path: readonly number[]): SectionId {
  if (path.length === 0) return 'global';
  let best: SectionId = 'global';
  let bestDepth = -1;
  for (const section of SECTIONS) {
    const { element, depth } = locateSection(document, section);
    if (depth !== section.steps.length) continue;
    const sectionPath = pathOf(element);
    if (sectionPath.length > path.length || !sectionPath.every((value, index) => value === path[index])) continue;
    if (section.onlyChildren && path.length > sectionPath.length) {
      const child = childElements(element)[path[sectionPath.length]!];
      if (!child || !section.onlyChildren.some((step) => step.localName === child.localName && step.namespace === child.namespaceUri)) continue;
    }
    if (sectionPath.length > bestDepth) {
      best = section.id;
      bestDepth = sectionPath.length;
    }
  }
  return best;
}
