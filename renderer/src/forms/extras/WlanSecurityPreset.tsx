// Open / WPA2-Personal / WPA2-Enterprise in one choice beside a WLANProfile: sets authentication,
// encryption and useOneX (and adds sharedKey for PSK).
import { childElements, textContent, type XmlElementNode } from '../../../../shared/common/xml/model';
import type { FormChange } from '../../../../shared/common/edit/form-changes';
import { pathOf } from '../../../../shared/common/xml/element-path';
import { NS } from '../../../../shared/common/forms/declarations';
import { useForm } from '../form-context';

type Preset = 'open' | 'wpa2psk' | 'wpa2enterprise' | 'custom';

export function findChild(element: XmlElementNode | undefined, localName: string): XmlElementNode | undefined {
  return element ? childElements(element).find((child) => child.localName === localName) : undefined;
}

export function WlanSecurityPreset({ element: profile }: { element: XmlElementNode }) {
  const form = useForm();
  const { t } = form;
  const security = findChild(findChild(profile, 'MSM'), 'security');
  const auth = findChild(security, 'authEncryption');
  if (!security || !auth) return null;
  const value = (name: string) => {
    const child = findChild(auth, name);
    return child ? textContent(child) : '';
  };
  const current: Preset =
    value('authentication') === 'open' && value('encryption') === 'none'
      ? 'open'
      : value('authentication') === 'WPA2PSK' && value('encryption') === 'AES'
        ? 'wpa2psk'
        : value('authentication') === 'WPA2' && value('useOneX') === 'true'
          ? 'wpa2enterprise'
          : 'custom';
  const authPath = pathOf(auth);
  const set = (localName: string, text: string): FormChange => ({ kind: 'setChildText', path: authPath, namespace: NS.wlan, localName, value: text, removeWhenEmpty: false });
  const choose = (preset: Preset) => {
    if (preset === 'custom') return;
    const changes: FormChange[] = [];
    if (preset === 'open') changes.push(set('authentication', 'open'), set('encryption', 'none'), set('useOneX', 'false'));
    if (preset === 'wpa2psk') {
      changes.push(set('authentication', 'WPA2PSK'), set('encryption', 'AES'), set('useOneX', 'false'));
      if (!findChild(security, 'sharedKey')) changes.push({ kind: 'addChild', path: pathOf(security), namespace: NS.wlan, localName: 'sharedKey' });
    }
    if (preset === 'wpa2enterprise') changes.push(set('authentication', 'WPA2'), set('encryption', 'AES'), set('useOneX', 'true'));
    form.apply(changes);
  };
  return (
    <div className="form-field">
      <label className="form-label">
        {t('forms.wlan.security')}
        <select value={current} disabled={form.readOnly} onChange={(event) => choose(event.target.value as Preset)} data-testid="wlan-security-preset">
          <option value="open">{t('forms.wlan.open')}</option>
          <option value="wpa2psk">{t('forms.wlan.wpa2psk')}</option>
          <option value="wpa2enterprise">{t('forms.wlan.wpa2enterprise')}</option>
          <option value="custom" disabled>
            {t('forms.wlan.custom')}
          </option>
        </select>
      </label>
    </div>
  );
}
