// Starting points for the documented scenarios (seed "Common Scenarios" and the section
// samples), corrected where the published samples are wrong: `UserName` (not `Username`),
// `EAPConfig` (not `EAcomputeronfig`), WISPr credentials inside `BasicAuth`, and always a
// `Global` section. Every template is valid against schemas/; its only lint errors and warnings are
// the placeholders the user must fill in (test/unit/templates). Pure data: the CLI (`provstudio new`) and the renderer's
// "New from template" dialog both read this list.
import type { MessageKey } from '../i18n/index';
import type { WindowsTarget } from '../windows/targets';
import { EAP_NAMESPACES, NAMESPACES } from '../xml/namespaces';
import { ZERO_GUID, ZERO_IMSI } from '../schema-model/placeholders';

export interface ProvisioningTemplate {
  /** Stable name for `provstudio new --template NAME`. */
  name: string;
  titleKey: MessageKey;
  descriptionKey: MessageKey;
  text: string;
  /** The oldest Windows version whose schemas accept it (default windows10); a new document from it gets this target at least. */
  target?: WindowsTarget;
}

const CC = NAMESPACES.carrierControlV1;
const WWAN = NAMESPACES.wwan;
const WLAN = NAMESPACES.wlanV1;
const HOTSPOT = NAMESPACES.hotspot;
const ONEX = NAMESPACES.oneX;
const PLANS = NAMESPACES.plans;
const BASE = NAMESPACES.base;

/**
 * The placeholders the user must replace are written with placeholders.ts's values (the nil GUID,
 * a subscriber id of zeros, example.com domains), so lint and the app's "To fill in" list name
 * them: CarrierId (your organisation's GUID, the same in every file you ship) and SubscriberId.
 */
const GLOBAL = `  <Global>
    <!-- Your organisation's CarrierId: generate it once, then reuse it in every file. -->
    <CarrierId>${ZERO_GUID}</CarrierId>
    <SubscriberId>${ZERO_IMSI}</SubscriberId>
  </Global>
`;

function file(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}">
${GLOBAL}${body}</CarrierProvisioning>
`;
}

function wlanProfile(name: string, ssid: string, security: string, extra = '', afterSsids = ''): string {
  return `    <WLANProfile xmlns="${WLAN}">
      <name>${name}</name>
${extra}      <SSIDConfig>
        <SSID>
          <name>${ssid}</name>
        </SSID>
      </SSIDConfig>
${afterSsids}      <MSM>
        <security>
${security}        </security>
      </MSM>
    </WLANProfile>
`;
}

const OPEN_AUTH = `          <authEncryption>
            <authentication>open</authentication>
            <encryption>none</encryption>
            <useOneX>false</useOneX>
          </authEncryption>
`;

const MBN_DEFAULT_PROFILE = (plan: string) => `    <DefaultProfile xmlns="${WWAN}">
      <Name>Contoso Mobile Broadband</Name>
      <Description>Contoso Mobile Broadband</Description>
${plan ? `      <AssociatedPlan>${plan}</AssociatedPlan>\n` : ''}      <HomeProviderName>Contoso</HomeProviderName>
      <Context>
        <AccessString>internet.contoso.com</AccessString>
        <UserLogonCred>
          <UserName>mbuser</UserName>
          <Password>mbpass</Password>
        </UserLogonCred>
        <Compression>ENABLE</Compression>
        <AuthProtocol>CHAP</AuthProtocol>
      </Context>
    </DefaultProfile>
`;

const FIXED_PLAN = (withUsage: boolean) => `    <Plan xmlns="${PLANS}" Name="Contoso 5GB">
      <Description PlanType="Fixed">
        <BillingCycle StartDate="2025-01-01T00:00:00Z" Duration="P1M" Resets="true"/>
        <DataLimitInMegabytes>5120</DataLimitInMegabytes>
        <InboundBandwidthInKbps>50000</InboundBandwidthInKbps>
        <OutboundBandwidthInKbps>10000</OutboundBandwidthInKbps>
        <MaxTransferSizeInMegabytes>100</MaxTransferSizeInMegabytes>
        <SecurityUpdatesExempt>true</SecurityUpdatesExempt>
        <UserSMSEnabled>false</UserSMSEnabled>
      </Description>
${withUsage ? '      <Usage CurrentUsage="1024" OverLimit="false" Congested="false" UsageTimestamp="2025-01-15T12:00:00Z"/>\n' : ''}    </Plan>
`;

const EAP_HOST_CONFIG = EAP_NAMESPACES.hostConfig;
const EAP_COMMON = EAP_NAMESPACES.common;

/** WPA2-Enterprise (802.1X) with the given EAP method configuration inside OneX/EAPConfig. */
function enterpriseSecurity(eapMethod: string, config: string): string {
  return `          <authEncryption>
            <authentication>WPA2</authentication>
            <encryption>AES</encryption>
            <useOneX>true</useOneX>
          </authEncryption>
          <OneX xmlns="${ONEX}">
            <authMode>user</authMode>
            <EAPConfig>
              <EapHostConfig xmlns="${EAP_HOST_CONFIG}">
${eapMethod}                <Config>
${config}                </Config>
              </EapHostConfig>
            </EAPConfig>
          </OneX>
`;
}

/** EapHostConfig/EapMethod for a Microsoft-authored method (author id 311). */
function eapMethod(type: number): string {
  return `                <EapMethod>
                  <Type xmlns="${EAP_COMMON}">${type}</Type>
                  <VendorId xmlns="${EAP_COMMON}">0</VendorId>
                  <VendorType xmlns="${EAP_COMMON}">0</VendorType>
                  <AuthorId xmlns="${EAP_COMMON}">311</AuthorId>
                </EapMethod>
`;
}

/** Passpoint: OpenRoaming's roaming consortium OI, the home domain and realm; EAP-TLS with a user certificate. */
const PASSPOINT_OPENROAMING: ProvisioningTemplate = {
  name: 'passpoint-openroaming',
  titleKey: 'template.passpoint-openroaming.title',
  descriptionKey: 'template.passpoint-openroaming.description',
  target: 'windows11',
  text: file(`  <WLANProfiles>
${wlanProfile(
  'OpenRoaming',
  'OpenRoaming',
  enterpriseSecurity(
    eapMethod(13),
    `                  <Eap xmlns="${EAP_NAMESPACES.baseConnectionProperties}">
                    <Type>13</Type>
                    <EapType xmlns="${EAP_NAMESPACES.tlsConnectionPropertiesV1}">
                      <CredentialsSource>
                        <CertificateStore>
                          <SimpleCertSelection>true</SimpleCertSelection>
                        </CertificateStore>
                      </CredentialsSource>
                      <ServerValidation>
                        <DisableUserPromptForServerValidation>false</DisableUserPromptForServerValidation>
                        <ServerNames>radius.example.com</ServerNames>
                      </ServerValidation>
                      <DifferentUsername>false</DifferentUsername>
                    </EapType>
                  </Eap>
`,
  ),
  '',
  `      <Hotspot2>
        <DomainName>example.com</DomainName>
        <NAIRealm>
          <name>example.com</name>
        </NAIRealm>
        <RoamingConsortium>
          <OUI>5A03BA0000</OUI>
        </RoamingConsortium>
      </Hotspot2>
`,
)}  </WLANProfiles>
`),
};

/** eduroam: the eduroam SSID, EAP-TTLS with MSCHAPv2 inside and an anonymous outer identity; the user types the password on first connection. */
const EDUROAM_EAP_TTLS: ProvisioningTemplate = {
  name: 'eduroam-eap-ttls',
  titleKey: 'template.eduroam-eap-ttls.title',
  descriptionKey: 'template.eduroam-eap-ttls.description',
  text: file(`  <WLANProfiles>
${wlanProfile(
  'eduroam',
  'eduroam',
  enterpriseSecurity(
    eapMethod(21),
    `                  <EapTtls xmlns="${EAP_NAMESPACES.ttlsConnectionProperties}">
                    <ServerValidation>
                      <ServerNames>radius.example.edu</ServerNames>
                      <DisablePrompt>false</DisablePrompt>
                    </ServerValidation>
                    <Phase2Authentication>
                      <MSCHAPv2Authentication>
                        <UseWinlogonCredentials>false</UseWinlogonCredentials>
                      </MSCHAPv2Authentication>
                    </Phase2Authentication>
                    <Phase1Identity>
                      <IdentityPrivacy>true</IdentityPrivacy>
                      <AnonymousIdentity>anonymous@example.edu</AnonymousIdentity>
                    </Phase1Identity>
                  </EapTtls>
`,
  ),
)}  </WLANProfiles>
`),
};

export const TEMPLATES: readonly ProvisioningTemplate[] = [
  {
    name: 'mbn-auto-connect',
    titleKey: 'template.mbn-auto-connect.title',
    descriptionKey: 'template.mbn-auto-connect.description',
    text: file(`  <MBNProfiles>
${MBN_DEFAULT_PROFILE('')}  </MBNProfiles>
`),
  },
  {
    name: 'wifi-open',
    titleKey: 'template.wifi-open.title',
    descriptionKey: 'template.wifi-open.description',
    text: file(`  <WLANProfiles>
${wlanProfile('Contoso Wi-Fi', 'Contoso Wi-Fi', OPEN_AUTH)}  </WLANProfiles>
`),
  },
  {
    name: 'wispr-basicauth',
    titleKey: 'template.wispr-basicauth.title',
    descriptionKey: 'template.wispr-basicauth.description',
    text: file(`  <WLANProfiles>
${wlanProfile(
  'Contoso Hotspot',
  'Contoso Hotspot',
  `${OPEN_AUTH}          <HotspotProfile xmlns="${HOTSPOT}">
            <BasicAuth>
              <UserName>WisprUser1</UserName>
              <Password>password1</Password>
            </BasicAuth>
            <TrustedDomains>
              <TrustedDomain>www.contosoportal.com</TrustedDomain>
            </TrustedDomains>
          </HotspotProfile>
`,
)}  </WLANProfiles>
`),
  },
  {
    name: 'hotspot-extauth',
    titleKey: 'template.hotspot-extauth.title',
    descriptionKey: 'template.hotspot-extauth.description',
    text: file(`  <WLANProfiles>
${wlanProfile(
  'Contoso Hotspot',
  'Contoso Hotspot',
  `${OPEN_AUTH}          <HotspotProfile xmlns="${HOTSPOT}">
            <ExtAuth>
              <!-- The package family name of the app that signs the user in. -->
              <ExtensionId>Contoso.HotspotApp_8wekyb3d8bbwe</ExtensionId>
            </ExtAuth>
            <TrustedDomains>
              <TrustedDomain>www.contosoportal.com</TrustedDomain>
            </TrustedDomains>
          </HotspotProfile>
`,
)}  </WLANProfiles>
`),
  },
  {
    name: 'eap-sim-hotspot2',
    titleKey: 'template.eap-sim-hotspot2.title',
    descriptionKey: 'template.eap-sim-hotspot2.description',
    text: file(`  <WLANProfiles>
${wlanProfile(
  'Contoso Passpoint',
  'Contoso Passpoint',
  `          <authEncryption>
            <authentication>WPA2</authentication>
            <encryption>AES</encryption>
            <useOneX>true</useOneX>
          </authEncryption>
          <OneX xmlns="${ONEX}">
            <EAPConfig>
              <EapHostConfig xmlns="${EAP_HOST_CONFIG}">
                <EapMethod>
                  <Type xmlns="${EAP_COMMON}">18</Type>
                  <VendorId xmlns="${EAP_COMMON}">0</VendorId>
                  <VendorType xmlns="${EAP_COMMON}">0</VendorType>
                  <AuthorId xmlns="${EAP_COMMON}">311</AuthorId>
                </EapMethod>
                <Config>
                  <EapSim xmlns="${EAP_NAMESPACES.simConnectionProperties}">
                    <Realm Enabled="true"></Realm>
                  </EapSim>
                </Config>
              </EapHostConfig>
            </EAPConfig>
          </OneX>
`,
)}  </WLANProfiles>
`),
  },
  {
    name: 'activation-blob',
    titleKey: 'template.activation-blob.title',
    descriptionKey: 'template.activation-blob.description',
    text: file(`  <Activation>
    <ServiceActivation xmlns="${WWAN}">
      <CarrierSpecificData>YXJiaXRyYXJ5ZGF0YQ==</CarrierSpecificData>
    </ServiceActivation>
  </Activation>
`),
  },
  {
    name: 'reconnect-after-provisioning',
    titleKey: 'template.reconnect-after-provisioning.title',
    descriptionKey: 'template.reconnect-after-provisioning.description',
    text: file(`  <Activation>
    <ReconnectToNetwork xmlns="${WWAN}" Delay="PT30S" RetryCount="3" RetryInterval="PT1M"/>
  </Activation>
  <MBNProfiles>
${MBN_DEFAULT_PROFILE('')}  </MBNProfiles>
`),
  },
  {
    name: 'reregister-after-provisioning',
    titleKey: 'template.reregister-after-provisioning.title',
    descriptionKey: 'template.reregister-after-provisioning.description',
    text: file(`  <Activation>
    <ReregisterToNetwork xmlns="${WWAN}" Delay="PT30S" RetryCount="3" RetryInterval="PT1M"/>
  </Activation>
  <MBNProfiles>
${MBN_DEFAULT_PROFILE('')}  </MBNProfiles>
`),
  },
  {
    name: 'plans-with-usage',
    titleKey: 'template.plans-with-usage.title',
    descriptionKey: 'template.plans-with-usage.description',
    text: file(`  <MBNProfiles>
${MBN_DEFAULT_PROFILE('Contoso 5GB')}  </MBNProfiles>
  <WLANProfiles>
${wlanProfile(
  'Contoso Hotspot',
  'Contoso Hotspot',
  `${OPEN_AUTH}          <HotspotProfile xmlns="${HOTSPOT}">
            <BasicAuth>
              <UserName>WisprUser1</UserName>
              <Password>password1</Password>
            </BasicAuth>
            <TrustedDomains>
              <TrustedDomain>www.contosoportal.com</TrustedDomain>
            </TrustedDomains>
          </HotspotProfile>
`,
  '      <AssociatedPlan>Contoso 5GB</AssociatedPlan>\n',
)}  </WLANProfiles>
  <Plans>
${FIXED_PLAN(true)}  </Plans>
`),
  },
  {
    name: 'usage-only-update',
    titleKey: 'template.usage-only-update.title',
    descriptionKey: 'template.usage-only-update.description',
    text: file(`  <Plans>
    <!-- Updates the usage of a plan already provisioned on the PC (same Name). -->
    <Plan xmlns="${PLANS}" Name="Contoso 5GB">
      <Usage CurrentUsage="2048" OverLimit="false" Congested="false" UsageTimestamp="2025-01-20T08:00:00Z"/>
    </Plan>
  </Plans>
`),
  },
  {
    name: 'plan-only-update',
    titleKey: 'template.plan-only-update.title',
    descriptionKey: 'template.plan-only-update.description',
    text: file(`  <Plans>
    <!-- Updates the description of a plan already provisioned on the PC (same Name). -->
${FIXED_PLAN(false)}  </Plans>
`),
  },
  {
    name: 'refresh-trusted-certificates',
    titleKey: 'template.refresh-trusted-certificates.title',
    descriptionKey: 'template.refresh-trusted-certificates.description',
    text: file(`  <Provisioning>
    <TrustedCertificates>
      <TrustedCertificate xmlns:b="${BASE}">
        <b:SubjectName>CN=prov.contoso.com</b:SubjectName>
        <b:IssuerName>CN=Contoso CA</b:IssuerName>
      </TrustedCertificate>
    </TrustedCertificates>
    <RefreshParameters>
      <DelayInDays>30</DelayInDays>
      <RefreshURL>https://prov.contoso.com/refresh</RefreshURL>
      <UserName>refreshuser</UserName>
      <Password>refreshpass</Password>
    </RefreshParameters>
  </Provisioning>
`),
  },
  PASSPOINT_OPENROAMING,
  EDUROAM_EAP_TTLS,
];

export function templateByName(name: string): ProvisioningTemplate | undefined {
  return TEMPLATES.find((template) => template.name === name);
}
