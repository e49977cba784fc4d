// The AccountExperienceURL panel: build the URL Windows opens from the operator's base and a
// device's SubId / DevId / IccId, or check a URL as Windows opened it. Every field is decoded and
// checked as you type (shared/common/website), the same checks as `provstudio website url`.
import { useEffect, useId, useState } from 'react';
import { buildAccountUrl, parseAccountUrl, type AccountUrlAnalysis, type DeviceValues } from '../../../shared/common/website/account-url';
import { describeDevice, describeIccid, describeSubscriber, findingMessage } from '../../../shared/common/website/describe';
import type { UrlField } from '../../../shared/common/website/identifiers';
import { loadNetworkDirectory, type NetworkDirectory } from '../../../shared/common/website/networks';
import { useI18n } from '../i18n';

type Mode = 'build' | 'parse';

export function AccountUrlPanel() {
  const { t, language } = useI18n();
  const id = useId();
  const [directory, setDirectory] = useState<NetworkDirectory | null>(null);
  const [mode, setMode] = useState<Mode>('build');
  const [base, setBase] = useState('https://');
  const [values, setValues] = useState<Record<'SubId' | 'DevId' | 'IccId', string>>({ SubId: '', DevId: '', IccId: '' });
  const [urlText, setUrlText] = useState('');

  useEffect(() => {
    let live = true;
    void loadNetworkDirectory().then((loaded) => live && setDirectory(loaded));
    return () => {
      live = false;
    };
  }, []);

  if (!directory) return <p role="status">{t('website.panel.loading')}</p>;

  let analysis: AccountUrlAnalysis | null = null;
  if (mode === 'build') {
    // An empty field is a value the device does not report: it is left out of the URL.
    const device: DeviceValues = {};
    for (const name of ['SubId', 'DevId', 'IccId'] as const) if (values[name].trim() !== '') device[name] = values[name].trim();
    analysis = buildAccountUrl(base, device, directory);
  } else if (urlText.trim() !== '') {
    analysis = parseAccountUrl(urlText, directory);
  }

  const findingsFor = (field: UrlField) =>
    (analysis?.findings ?? [])
      .filter((item) => item.field === field)
      .map((item, index) => (
        <li key={index} className={`website-finding website-finding-${item.severity}`} data-code={item.code}>
          {t(`website.severity.${item.severity}`)}: {findingMessage(item, language)}
        </li>
      ));

  const describe = (field: UrlField): string => {
    if (!analysis) return '';
    if (field === 'SubId' && analysis.subscriber) return describeSubscriber(analysis.subscriber, language);
    if (field === 'DevId' && analysis.device) return describeDevice(analysis.device, language);
    if (field === 'IccId' && analysis.iccid) return describeIccid(analysis.iccid, language);
    return '';
  };

  const field = (name: UrlField, label: string, value: string, onChange: (value: string) => void) => {
    const findings = findingsFor(name);
    const description = describe(name);
    return (
      <div className="website-field" key={name}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={(analysis?.findings ?? []).some((item) => item.field === name && item.severity === 'error') || undefined}
          aria-describedby={`${id}-${name}-info`}
          data-testid={`website-${name}`}
        />
        <div id={`${id}-${name}-info`} aria-live="polite">
          {description && <p className="form-help" data-testid={`website-${name}-description`}>{description}</p>}
          {findings.length > 0 && <ul className="website-findings">{findings}</ul>}
        </div>
      </div>
    );
  };

  return (
    <div className="website-url-panel" data-testid="website-url-panel">
      <fieldset className="website-mode">
        <legend className="visually-hidden">{t('website.panel.urlTab')}</legend>
        {(['build', 'parse'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={`${id}-mode`} checked={mode === value} onChange={() => setMode(value)} data-testid={`website-mode-${value}`} />
            {t(value === 'build' ? 'website.panel.build' : 'website.panel.parse')}
          </label>
        ))}
      </fieldset>
      {mode === 'build' ? (
        <>
          {field('base', t('website.panel.base'), base, setBase)}
          {field('SubId', t('website.panel.subid'), values.SubId, (value) => setValues({ ...values, SubId: value }))}
          {field('DevId', t('website.panel.devid'), values.DevId, (value) => setValues({ ...values, DevId: value }))}
          {field('IccId', t('website.panel.iccid'), values.IccId, (value) => setValues({ ...values, IccId: value }))}
        </>
      ) : (
        <>
          <div className="website-field">
            <label htmlFor={`${id}-url`}>{t('website.panel.urlToParse')}</label>
            <textarea id={`${id}-url`} rows={3} value={urlText} spellCheck={false} onChange={(event) => setUrlText(event.target.value)} data-testid="website-url-input" />
            {analysis && <ul className="website-findings">{findingsFor('base')}</ul>}
          </div>
          {analysis &&
            (['SubId', 'DevId', 'IccId'] as const).map((name) => (
              <div className="website-field" key={name}>
                <strong>{name}</strong> <code>{analysis.values[name] ?? t('website.notSent')}</code>
                {describe(name) && <p className="form-help">{describe(name)}</p>}
                <ul className="website-findings">{findingsFor(name)}</ul>
              </div>
            ))}
        </>
      )}
      {analysis && (
        <section className="website-result" aria-label={t('website.panel.result')}>
          {mode === 'build' && (
            <>
              <h3>{t('website.panel.result')}</h3>
              <output data-testid="website-url-output">{analysis.url ?? '—'}</output>
            </>
          )}
          <p className={analysis.valid ? 'website-verdict-ok' : 'website-verdict-bad'} data-testid="website-verdict" data-valid={analysis.valid}>
            {t(analysis.valid ? 'website.verdict.valid' : 'website.verdict.invalid')}
          </p>
        </section>
      )}
    </div>
  );
}
