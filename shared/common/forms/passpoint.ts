// Passpoint (Hotspot 2.0) authoring helpers for the forms: the OpenRoaming preset. Facts:
// OpenRoaming's roaming consortium OI is 5A03BA0000 (Wireless Broadband Alliance; the value public
// Passpoint provisioning tools write); Hotspot2's children come in the order DomainName, NAIRealm,
// Network3GPP, RoamingConsortium (schemas/windows11/wlan-v1-additions.xsd).
import { NAMESPACES } from '../xml/namespaces';
import { childElements, textContent, type XmlElementNode } from '../xml/model';
import type { FormChange } from '../edit/form-changes';
import { pathOf } from '../xml/element-path';

export const OPENROAMING_OI = '5A03BA0000';

/** True when the Hotspot2 block already lists OpenRoaming's OI (in any letter case). */
export function hasOpenRoaming(hotspot2: XmlElementNode): boolean {
  const consortium = childElements(hotspot2).find((child) => child.namespaceUri === NAMESPACES.wlanV1 && child.localName === 'RoamingConsortium');
  return !!consortium && childElements(consortium).some((oui) => textContent(oui).trim().toUpperCase() === OPENROAMING_OI);
}

/** The form changes that add OpenRoaming's OI (and RoamingConsortium when missing); empty when it is already there. */
export function openRoamingChanges(hotspot2: XmlElementNode): FormChange[] {
  if (hasOpenRoaming(hotspot2)) return [];
  const path = pathOf(hotspot2);
  const children = childElements(hotspot2);
  const consortium = children.find((child) => child.namespaceUri === NAMESPACES.wlanV1 && child.localName === 'RoamingConsortium');
  // RoamingConsortium is the last child of Hotspot2, so a new one lands after the existing children.
  const consortiumPath = consortium ? pathOf(consortium) : [...path, children.length];
  const changes: FormChange[] = [];
  if (!consortium) changes.push({ kind: 'addChild', path, namespace: NAMESPACES.wlanV1, localName: 'RoamingConsortium' });
  changes.push({ kind: 'addChild', path: consortiumPath, namespace: NAMESPACES.wlanV1, localName: 'OUI', text: OPENROAMING_OI });
  return changes;
}
