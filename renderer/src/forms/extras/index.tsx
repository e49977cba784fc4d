// The hand-made extras that hang off specific elements of a form, chosen from one table keyed by
// the element's namespace and local name. To add one: write its component in this folder and add
// its row here.
import type { ComponentType } from 'react';
import type { XmlElementNode } from '../../../../shared/common/xml/model';
import { NS } from '../../../../shared/common/forms/declarations';
import type { MessageKey } from '../../../../shared/common/i18n/index';
import { useForm } from '../form-context';
import { EapSettingsEditor } from './EapSettings';
import { OpenRoamingPreset } from './OpenRoamingPreset';
import { SmsTester } from './SmsTester';
import { TrustCertificateActions } from './TrustCertificateActions';
import { WlanSecurityPreset } from './WlanSecurityPreset';

type Extra = { component: ComponentType<{ element: XmlElementNode }> } | { note: MessageKey; warning?: boolean };

const key = (namespace: string, localName: string) => `{${namespace}}${localName}`;

export const ELEMENT_EXTRAS: ReadonlyMap<string, Extra> = new Map<string, Extra>([
  [key(NS.wwan, 'Message'), { component: SmsTester }],
  [key(NS.wwan, 'Branding'), { note: 'forms.branding.note', warning: true }],
  [key(NS.wlan, 'SSIDConfig'), { note: 'forms.ssid.v1' }],
  [key(NS.wlan, 'WLANProfile'), { component: WlanSecurityPreset }],
  [key(NS.onex, 'OneX'), { component: EapSettingsEditor }],
  [key(NS.wlan, 'Hotspot2'), { component: OpenRoamingPreset }],
  [key(NS.cc, 'Provisioning'), { component: TrustCertificateActions }],
]);

/** The extra for this element, if the table has one. */
export function ElementExtras({ element }: { element: XmlElementNode }) {
  const { t } = useForm();
  const extra = ELEMENT_EXTRAS.get(key(element.namespaceUri, element.localName));
  if (!extra) return null;
  if ('note' in extra) return <p className={extra.warning ? 'form-warning' : 'form-note'}>{t(extra.note)}</p>;
  const Component = extra.component;
  return <Component element={element} />;
}
