// The SMS-rule tester beside a Message rule: paste a sample message, see whether the Pattern
// matches, each capture group, each field mapping as Windows would read it (usage numbers with
// units, flags, plan type) and the UsageTimestamp read with the rule's Format.
import { useId, useState } from 'react';
import type { XmlElementNode } from '../../../../shared/common/xml/model';
import { smsRuleOf, testSmsRule } from '../../../../shared/common/forms/sms-tester';
import { useForm } from '../form-context';

export function SmsTester({ element }: { element: XmlElementNode }) {
  const { t } = useForm();
  const id = useId();
  const [sample, setSample] = useState('');
  const rule = smsRuleOf(element);
  const result = sample === '' ? null : testSmsRule(rule, sample);
  return (
    <section className="form-sms-tester" aria-labelledby={`${id}-title`} data-testid="sms-tester">
      <h4 id={`${id}-title`}>{t('forms.sms.tester')}</h4>
      <label htmlFor={`${id}-sample`} className="form-label">
        {t('forms.sms.sample')}
      </label>
      <textarea id={`${id}-sample`} rows={2} value={sample} spellCheck={false} onChange={(event) => setSample(event.target.value)} data-testid="sms-sample" />
      {result && (
        <div aria-live="polite" data-testid="sms-result">
          {result.compileError && <p className="form-warning">{t('forms.sms.compileError', { message: result.compileError })}</p>}
          {result.nonPortable.map((construct) => (
            <p key={construct} className="form-warning">
              {t('forms.sms.nonPortable', { construct })}
            </p>
          ))}
          {!result.compileError && <p className={result.matched ? 'form-ok' : 'form-warning'}>{result.matched ? t('forms.sms.matched') : t('forms.sms.noMatch')}</p>}
          {result.matched && (
            <table className="form-table">
              <thead>
                <tr>
                  <th scope="col">{t('forms.sms.field')}</th>
                  <th scope="col">{t('forms.sms.captured')}</th>
                  <th scope="col">{t('forms.sms.value')}</th>
                </tr>
              </thead>
              <tbody>
                {result.groups.slice(1).map((group, index) => (
                  <tr key={`g${index}`}>
                    <th scope="row">{t('forms.sms.group', { number: index + 1 })}</th>
                    <td>{group ?? ''}</td>
                    <td />
                  </tr>
                ))}
                {result.fields.map((field, index) => (
                  <tr key={`f${index}`} data-testid={`sms-field-${field.name}`}>
                    <th scope="row">
                      {field.name}
                      {field.group !== undefined ? ` (${t('forms.sms.group', { number: field.group })})` : ''}
                    </th>
                    <td>{field.raw ?? ''}</td>
                    <td>
                      {field.problem
                        ? t(`forms.sms.problem.${field.problem}`, field.problemParams ?? {})
                        : field.bytes !== undefined
                          ? t('forms.sms.bytes', { value: String(field.value), unit: field.unit ?? '', bytes: field.bytes, megabytes: Math.round((field.megabytes ?? 0) * 1000) / 1000 })
                          : String(field.value ?? '')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
