// File > New from template: pick one of the scenario templates (shared/common/templates), see its
// description and XML, create. The lead wires it to the menu; onChoose gets the name and text.
import { useId, useState } from 'react';
import { TEMPLATES } from '../../../shared/common/templates/index';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';

export interface NewFromTemplateDialogProps {
  onChoose(templateName: string, text: string): void;
  onCancel(): void;
}

export function NewFromTemplateDialog({ onChoose, onCancel }: NewFromTemplateDialogProps) {
  const { t } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState(TEMPLATES[0]!.name);
  const visible = TEMPLATES.filter((template) => `${template.name} ${t(template.titleKey)} ${t(template.descriptionKey)}`.toLowerCase().includes(filter.toLowerCase()));
  const selected = TEMPLATES.find((template) => template.name === chosen) ?? visible[0];
  return (
    <Modal
      title={t('forms.template.title')}
      onCancel={onCancel}
      wide
      testId="new-from-template"
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('forms.template.cancel')}
          </button>
          <button type="button" className="primary" disabled={!selected} onClick={() => selected && onChoose(selected.name, selected.text)} data-testid="template-create">
            {t('forms.template.create')}
          </button>
        </>
      }
    >
      <label htmlFor={`${id}-filter`}>{t('forms.template.filter')}</label>
      <input id={`${id}-filter`} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} data-autofocus />
      <div className="template-chooser">
        <fieldset className="template-list">
          <legend className="visually-hidden">{t('forms.template.title')}</legend>
          {visible.map((template) => (
            <label key={template.name} className="template-option">
              <input type="radio" name={`${id}-template`} value={template.name} checked={selected?.name === template.name} onChange={() => setChosen(template.name)} />
              <span>
                <strong>{t(template.titleKey)}</strong>
                <span className="form-help">{t(template.descriptionKey)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {selected && (
          <section className="template-preview" aria-label={t('forms.template.preview')}>
            <pre tabIndex={0}>{selected.text}</pre>
          </section>
        )}
      </div>
    </Modal>
  );
}
