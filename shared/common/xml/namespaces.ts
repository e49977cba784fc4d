// Every namespace URI the product knows, written once. Forms' declarations, templates, the lint
// rules, the results reader, the signing profile, reports and the renderer's signature removal all
// read them from here.

/** The namespaces of Windows' provisioning and results schemas, and XML-DSig's. */
export const NAMESPACES = {
  carrierControlV1: 'http://www.microsoft.com/networking/CarrierControl/v1',
  carrierControlV2: 'http://www.microsoft.com/networking/CarrierControl/v2',
  base: 'http://www.microsoft.com/networking/CarrierControl/Base/v1',
  wwan: 'http://www.microsoft.com/networking/CarrierControl/WWAN/v1',
  plans: 'http://www.microsoft.com/networking/CarrierControl/Plans/v1',
  wlanV1: 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1',
  wlanV2: 'http://www.microsoft.com/networking/CarrierControl/WLAN/v2',
  hotspot: 'http://www.microsoft.com/networking/WLAN/HotspotProfile/v1',
  oneX: 'http://www.microsoft.com/networking/OneX/v1',
  xmlDsig: 'http://www.w3.org/2000/09/xmldsig#',
  resultsV1: 'http://www.microsoft.com/networking/CarrierControlResults/v1',
  resultsV2: 'http://www.microsoft.com/networking/CarrierControlResults/v2',
} as const;

/** The EAP namespaces Windows' 802.1X settings (OneX/EAPConfig) use. */
export const EAP_NAMESPACES = {
  hostConfig: 'http://www.microsoft.com/provisioning/EapHostConfig',
  common: 'http://www.microsoft.com/provisioning/EapCommon',
  baseConnectionProperties: 'http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1',
  hostUserCredentials: 'http://www.microsoft.com/provisioning/EapHostUserCredentials',
  baseMethodUserCredentials: 'http://www.microsoft.com/provisioning/BaseEapMethodUserCredentials',
  simConnectionProperties: 'http://www.microsoft.com/provisioning/EapSimConnectionPropertiesV1',
  akaConnectionProperties: 'http://www.microsoft.com/provisioning/EapAkaConnectionPropertiesV1',
  ttlsConnectionProperties: 'http://www.microsoft.com/provisioning/EapTtlsConnectionPropertiesV1',
  ttlsUserProperties: 'http://www.microsoft.com/provisioning/EapTtlsUserPropertiesV1',
  tlsConnectionPropertiesV1: 'http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1',
  tlsConnectionPropertiesV2: 'http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2',
  tlsConnectionPropertiesV3: 'http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3',
  tlsUserProperties: 'http://www.microsoft.com/provisioning/EapTlsUserPropertiesV1',
  msChapV2ConnectionProperties: 'http://www.microsoft.com/provisioning/MsChapV2ConnectionPropertiesV1',
  msChapV2UserProperties: 'http://www.microsoft.com/provisioning/MsChapV2UserPropertiesV1',
  msPeapConnectionPropertiesV1: 'http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1',
  msPeapConnectionPropertiesV2: 'http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2',
} as const;

/** The namespaces XML itself and XML Schema define. */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
/** xsi:type and xsi:nil change how an element is validated. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Namespaces a provisioning file uses: ours, and the EAP ones (the near-miss lint compares against these). */
export const KNOWN_NAMESPACES: readonly string[] = [...Object.values(NAMESPACES), ...Object.values(EAP_NAMESPACES)];
