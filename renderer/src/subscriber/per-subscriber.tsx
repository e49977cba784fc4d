// "Make this a per-subscriber field" under a form field: binds the field's place (see
// bindings-store.ts). Shown only where the app provides the context and the place exists.
import { createContext, useContext, useMemo } from 'react';
import { bindFormField, placeInDocument, useBindings } from './bindings-store';
import { FormContext } from '../forms/form-context';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import type { FieldSpec } from '../../../shared/common/forms/form-model';
import type { Translate } from '../i18n';

export interface PerSubscriberActions {
  /**
   * The bound field's name for this form field, if it is bound. Asked by every field at every
   * render, so it reads the form's own parse and answers at once when nothing is bound.
   */
  boundName(fieldKey: string, document: XmlDocumentNode): string | null;
  bind(fieldKey: string, spec: FieldSpec): void;
}

export const PerSubscriberContext = createContext<PerSubscriberActions | null>(null);

export function PerSubscriberControl({ fieldKey, spec, present, t }: { fieldKey: string; spec: FieldSpec; present: boolean; t: Translate }) {
  const actions = useContext(PerSubscriberContext);
  const form = useContext(FormContext);
  if (!actions || !present || !form) return null;
  const bound = actions.boundName(fieldKey, form.document);
  if (bound) {
    return (
      <p className="form-note per-subscriber-bound" data-testid="per-subscriber-bound">
        {t('subscriber.bound', { name: bound })}
      </p>
    );
  }
  return (
    <button type="button" className="form-link per-subscriber-make" data-testid="make-per-subscriber" onClick={() => actions.bind(fieldKey, spec)}>
      {t('subscriber.makeField')}
    </button>
  );
}

/** The actions for the active document's form fields (null when there is no document). */
export function usePerSubscriberActions(documentId: string | null, model: { getValue(): string } | null, onBound: () => void): PerSubscriberActions | null {
  const bindings = useBindings(documentId);
  return useMemo(() => {
    if (!documentId || !model) return null;
    return {
      boundName: (key, document) => {
        if (bindings.fields.length === 0) return null;
        const place = placeInDocument(document, key);
        return (place && bindings.fields.find((field) => field.xpath === place.xpath)?.name) ?? null;
      },
      bind: (key, spec) => {
        bindFormField(documentId, model.getValue(), key, spec);
        onBound();
      },
    };
  }, [documentId, model, bindings, onBound]);
}
