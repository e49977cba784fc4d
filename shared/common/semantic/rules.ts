// The documented rules the dry run predicts from, each tied to the section of the "Account
// provisioning" page (source document 001) that states it. A prediction line cites one rule; the
// rule's text (semantic.rule.*) restates it in our words and names the section.

export const RULES = {
  /** Troubleshooting › Provisioning API results: a file that is not well-formed fails the call. */
  wellFormed: { section: 'Troubleshooting › Provisioning API results' },
  /** Troubleshooting › Provisioning API results: a file that does not conform to the schema fails the call. */
  schema: { section: 'Troubleshooting › Provisioning API results' },
  /** Signature table, row 1: operator SIM + mobile-broadband app: no signature, no confirmation. */
  signatureRow1: { section: 'Signature (table, row 1)' },
  /** Signature table, row 2: operator SIM + operator web site: a certificate chaining to a trusted root and associated with the hardware. */
  signatureRow2: { section: 'Signature (table, row 2)' },
  /** Signature table, row 3: no operator SIM (Wi-Fi provider) + app or web site: trusted root, EV, consent the first time. */
  signatureRow3: { section: 'Signature (table, row 3)' },
  /** Updating the provisioning metadata › Mobile broadband app: an app without a Network Account ID must sign the file. */
  signatureUwpApp: { section: 'Updating the provisioning metadata › Mobile broadband app' },
  /** Updating the provisioning metadata › Web-based provisioning: a certificate the PC already knows needs no interaction; an unknown one must be EV and the user consents. */
  signatureKnownCertificate: { section: 'Updating the provisioning metadata › Web-based provisioning' },
  /** Troubleshooting: a file that needs a signature and is not appropriately signed fails; the results then hold only the Signature outcome. */
  signatureFailure: { section: 'Troubleshooting › Provisioning API results' },
  /** Partial provisioning failures: Windows applies what it can and reports each failure with an HRESULT. */
  bestEffort: { section: 'Troubleshooting › Partial provisioning failures' },
  /** Partial provisioning failures: a whole section failing for one reason carries one errorCode on the section and no children (WLANProfiles 80070426). */
  sectionFailure: { section: 'Troubleshooting › Partial provisioning failures' },
  /** Results: a profile applied on any adapter of its kind is reported as applied. */
  anyAdapter: { section: 'Troubleshooting › Partial provisioning failures' },
  /** Wi-Fi information: a profile in the file is created or updated. */
  wlanUpsert: { section: 'Wi-Fi information' },
  /** Wi-Fi information: a profile on the PC that the file no longer lists is deleted. */
  wlanDeleteMissing: { section: 'Wi-Fi information' },
  /** Wi-Fi information: an empty WLAN section deletes all profiles. */
  wlanDeleteAll: { section: 'Wi-Fi information' },
  /** Wi-Fi information: omitting the WLAN section leaves the PC's Wi-Fi profiles unchanged. */
  wlanOmitted: { section: 'Wi-Fi information' },
  /** Mobile broadband information: the default profile is the one Windows auto-connects with; the purchase profile connects to buy a subscription. */
  mbnProfile: { section: 'Mobile broadband information' },
  /** Permitted combinations (profiles + plans): a profile naming a plan the file does not define is an error. */
  planMissing: { section: 'Permitted combinations' },
  /** Permitted combinations (profiles + plans): a plan no profile of the file uses is a warning. */
  planUnused: { section: 'Permitted combinations' },
  /** Permitted combinations (plans only): plans update existing profiles; a plan no profile on the PC uses is a warning. */
  planDescriptionOnly: { section: 'Permitted combinations' },
  /** Permitted combinations (usage only): usage updates existing profiles and plans. */
  planUsageOnly: { section: 'Permitted combinations' },
  /** Activation: Windows passes the activation data or runs the reconnect / re-register directive. */
  activation: { section: 'Activation' },
  /** Refresh: trusted certificates and the refresh URL and delay. */
  refresh: { section: 'Refresh' },
  /** The v2 additions have no element in a version 1 results file. */
  v2NotReported: { section: 'CarrierControlResults v1 schema' },
} as const;

export type RuleId = keyof typeof RULES;
