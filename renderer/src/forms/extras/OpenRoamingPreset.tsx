// One click adds OpenRoaming's roaming consortium OI to a Hotspot2 block (and RoamingConsortium
// when missing).
import type { XmlElementNode } from '../../../../shared/common/xml/model';
import { OPENROAMING_OI, hasOpenRoaming, openRoamingChanges } from '../../../../shared/common/forms/passpoint';
import { useForm } from '../form-context';

export function OpenRoamingPreset({ element: hotspot2 }: { element: XmlElementNode }) {
  const form = useForm();
  if (hasOpenRoaming(hotspot2)) return <p className="form-note">{form.t('forms.hotspot2.openRoamingPresent', { oi: OPENROAMING_OI })}</p>;
  if (form.readOnly) return null;
  return (
    <div className="form-actions">
      <button type="button" className="form-add" data-testid="form-openroaming" onClick={() => form.apply(openRoamingChanges(hotspot2))}>
        {form.t('forms.hotspot2.openRoaming', { oi: OPENROAMING_OI })}
      </button>
    </div>
  );
}
