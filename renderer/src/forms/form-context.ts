// What every part of a form reads: the parsed document, the schema, the problems by field, and
// the ways to change the text (apply form changes, replace a block). One module of its own, so the
// element editor and its extras both read it without importing each other.
import { createContext, useContext } from 'react';
import type { SchemaModel } from '../../../shared/common/schema-model/types';
import type { Diagnostic } from '../../../shared/common/xml/diagnostic';
import type { XmlDocumentNode, XmlElementNode } from '../../../shared/common/xml/model';
import type { FormChange } from '../../../shared/common/edit/form-changes';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import type { Translate } from '../i18n';

export interface FormContextValue {
  schema: SchemaModel;
  document: XmlDocumentNode;
  readOnly: boolean;
  t: Translate;
  problems: Map<string, Diagnostic[]>;
  planNames: string[];
  selectedKey: string | null;
  /** The field about to be focused, else the selection: a paged list shows the page that holds it. */
  revealKey: string | null;
  apply(changes: FormChange[]): void;
  reveal(element: XmlElementNode): void;
  select(path: number[]): void;
  /** Lists a certificate from a file in TrustedCertificates (when the host can read certificate files). */
  trustCertificate?(): void;
  /** Lists a certificate picked from a key store (by identity and thumbprint) in TrustedCertificates. */
  trustCertificateFromStore?(): void;
  /** Replaces text[start, end) as one undoable edit. */
  replaceText(start: number, end: number, text: string): void;
  /** The Windows version the document is written for: elements it does not know are not offered. */
  target: WindowsTarget;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('FormContext missing');
  return value;
}

