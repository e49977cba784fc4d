// What the tests of the editor's pure logic (shared/common/language/) share: a small valid
// document and offset edits applied to a text.
export { parse } from '../edit/support';

export const CC = 'http://www.microsoft.com/networking/CarrierControl/v1';
export const WLAN = 'http://www.microsoft.com/networking/CarrierControl/WLAN/v1';
export const PLANS = 'http://www.microsoft.com/networking/CarrierControl/Plans/v1';
export const BLANK = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="${CC}">
  <Global>
    <CarrierId>{00000000-0000-0000-0000-000000000000}</CarrierId>
    <SubscriberId>310260000000000</SubscriberId>
  </Global>
</CarrierProvisioning>
`;

export function applyOffsetEdits(text: string, edits: readonly { offset: number; length: number; text: string }[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}
