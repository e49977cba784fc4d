// The PC's adapters as a dry run assumes them (SIM present, Wi-Fi adapter, MBN adapter): the same
// three fields in the Dry run panel and the web-site Simulator.
import type { SimPresence } from '../../../shared/common/semantic/dry-run';
import { useI18n } from '../i18n';

export interface AdapterChoice {
  sim: SimPresence;
  wifi: boolean;
  mbn: boolean;
}

/** What a dry run assumes until the user says otherwise: the operator's SIM, both adapters. */
export const DEFAULT_ADAPTERS: AdapterChoice = { sim: 'operator', wifi: true, mbn: true };

export function AdapterFields(props: {
  value: AdapterChoice;
  onChange: (value: AdapterChoice) => void;
  /** Prefix of the fields' test ids: `${testIdPrefix}-sim`, `-wifi`, `-mbn`. */
  testIdPrefix: string;
  simLabelClassName?: string;
}) {
  const { t } = useI18n();
  const { value, onChange, testIdPrefix } = props;
  return (
    <>
      <label className={props.simLabelClassName}>
        {t('semantic.dryrun.sim')}
        <select
          value={value.sim}
          onChange={(event) => onChange({ ...value, sim: event.target.value as SimPresence })}
          data-testid={`${testIdPrefix}-sim`}
        >
          {(['operator', 'none'] as const).map((presence) => (
            <option key={presence} value={presence}>
              {t(`semantic.dryrun.sim.${presence}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.wifi}
          onChange={(event) => onChange({ ...value, wifi: event.target.checked })}
          data-testid={`${testIdPrefix}-wifi`}
        />
        {t('semantic.dryrun.wifi')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.mbn}
          onChange={(event) => onChange({ ...value, mbn: event.target.checked })}
          data-testid={`${testIdPrefix}-mbn`}
        />
        {t('semantic.dryrun.mbn')}
      </label>
    </>
  );
}
