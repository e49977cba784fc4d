// Provisioning/TrustedCertificates from a certificate: Windows trusts later files signed by a
// certificate whose subject and issuer names are listed there (base:CertificateDetails: SubjectName
// then IssuerName). Adds the entry where the schema wants it, creating Provisioning and
// TrustedCertificates when the file has none, as minimal text edits.
import type { SchemaModel } from '../schema-model/types';
import { childElements, type XmlElementNode } from '../xml/model';
import { insertElement, setText, type EditOutcome } from './operations';
import { EditSession } from './session';
import { NAMESPACES } from '../xml/namespaces';

const CARRIER_CONTROL = NAMESPACES.carrierControlV1;
const BASE = NAMESPACES.base;

export interface CertificateNames {
  subjectName: string;
  issuerName: string;
}

export type TrustOutcome =
  | { ok: true; text: string; alreadyListed: boolean }
  | { ok: false; messageKey: EditOutcomeFailure['messageKey']; params: EditOutcomeFailure['params'] };

type EditOutcomeFailure = Extract<EditOutcome, { ok: false }>;

function child(parent: XmlElementNode, localName: string, namespace: string): XmlElementNode | undefined {
  return childElements(parent).find((element) => element.localName === localName && element.namespaceUri === namespace);
}

function textOf(element: XmlElementNode | undefined): string {
  return element?.children.map((node) => (node.kind === 'text' || node.kind === 'cdata' ? node.value : '')).join('').trim() ?? '';
}

/** Adds a TrustedCertificate for `names` (unless an identical entry exists); null when the text does not parse. */
export function addTrustedCertificate(text: string, names: CertificateNames, model: SchemaModel): TrustOutcome | null {
  const session = new EditSession(text);
  const step = (operation: (root: XmlElementNode) => EditOutcome | null): EditOutcomeFailure | null => {
    const document = session.document;
    if (!document) return null;
    const outcome = operation(document.root);
    if (outcome === null) return null;
    if (!outcome.ok) return outcome;
    session.replaceText(outcome.text);
    return null;
  };
  if (!session.document) return null;

  const entries = () => {
    const provisioning = child(session.document!.root, 'Provisioning', CARRIER_CONTROL);
    const list = provisioning && child(provisioning, 'TrustedCertificates', CARRIER_CONTROL);
    return { provisioning, list, items: list ? childElements(list).filter((element) => element.localName === 'TrustedCertificate') : [] };
  };
  const exists = entries().items.some(
    (item) => textOf(child(item, 'SubjectName', BASE)) === names.subjectName && textOf(child(item, 'IssuerName', BASE)) === names.issuerName,
  );
  if (exists) return { ok: true, text, alreadyListed: true };

  const failures = [
    step((root) => (entries().provisioning ? null : insertElement(session.document!, root, { namespace: CARRIER_CONTROL, localName: 'Provisioning' }, { model, withMandatoryChildren: false }))),
    step(() => {
      const { provisioning, list } = entries();
      return list ? null : insertElement(session.document!, provisioning!, { namespace: CARRIER_CONTROL, localName: 'TrustedCertificates' }, { model, withMandatoryChildren: false });
    }),
    step(() => {
      const { list } = entries();
      // A fresh TrustedCertificates may already hold its one mandatory (empty) entry: fill that one.
      const empty = entries().items.find((item) => !textOf(child(item, 'SubjectName', BASE)) && !textOf(child(item, 'IssuerName', BASE)));
      if (empty) return null;
      return insertElement(session.document!, list!, { namespace: CARRIER_CONTROL, localName: 'TrustedCertificate' }, { model, index: childElements(list!).length });
    }),
  ];
  const failed = failures.find((failure) => failure !== null);
  if (failed) return { ok: false, messageKey: failed.messageKey, params: failed.params };

  const fill = (localName: 'SubjectName' | 'IssuerName', value: string) =>
    step(() => {
      const target = [...entries().items].reverse().find((item) => !textOf(child(item, localName, BASE)));
      const element = target && child(target, localName, BASE);
      return element ? setText(session.document!, element, value) : null;
    });
  const fillFailure = fill('SubjectName', names.subjectName) ?? fill('IssuerName', names.issuerName);
  if (fillFailure) return { ok: false, messageKey: fillFailure.messageKey, params: fillFailure.params };
  return { ok: true, text: session.text, alreadyListed: false };
}
