// Which documents we validate. The driver schema loads every namespace, so libxml2 would
// happily accept a lone <wwan:DefaultProfile> or <Extensions_v2> as a root; Windows only ever
// consumes a CarrierProvisioning file, and only ever returns a CarrierProvisioningResult.
// CarrierControlResults/v2 is documented on element pages, but no published schema declares it
// (the v2 page prints v1's schema): Windows' schema verdict refuses it, the results inspector
// (results.xsd, our reading of the element pages) reads it.

import { NAMESPACES } from '../xml/namespaces';

export type DocumentKind = 'provisioning' | 'result' | 'apn-database' | 'customizations';

export interface AcceptedRoot {
  kind: DocumentKind;
  localName: string;
  namespaceUri: string;
}

/** The roots Windows' schemas declare (the verdict of `validate`). */
export const ACCEPTED_ROOTS: readonly AcceptedRoot[] = [
  { kind: 'provisioning', localName: 'CarrierProvisioning', namespaceUri: NAMESPACES.carrierControlV1 },
  { kind: 'result', localName: 'CarrierProvisioningResult', namespaceUri: NAMESPACES.resultsV1 },
  // Documents in no namespace the web-site tools export (docs/website.md).
  { kind: 'apn-database', localName: 'OperatorList', namespaceUri: '' },
  { kind: 'customizations', localName: 'WindowsCustomizations', namespaceUri: '' },
];

/** The roots the results inspector reads (results.xsd). */
export const RESULTS_INSPECTOR_ROOTS: readonly AcceptedRoot[] = [
  { kind: 'result', localName: 'CarrierProvisioningResult', namespaceUri: NAMESPACES.resultsV1 },
  { kind: 'result', localName: 'CarrierProvisioningResult', namespaceUri: NAMESPACES.resultsV2 },
];

export function documentKindOf(localName: string, namespaceUri: string, roots: readonly AcceptedRoot[] = ACCEPTED_ROOTS): DocumentKind | null {
  return roots.find((root) => root.localName === localName && root.namespaceUri === namespaceUri)?.kind ?? null;
}

/** The entry schema that imports all the others by sibling file name (Windows' verdict). */
export const DRIVER_SCHEMA = 'provisioning.xsd';
/** The results inspector's entry schema: results v1 and v2. */
export const RESULTS_DRIVER_SCHEMA = 'results.xsd';
