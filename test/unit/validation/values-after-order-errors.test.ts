// An element-order error does not hide value errors in the same parent. xmllint (libxml2) stops
// checking a parent's children at the first element that is not allowed there; we check the values
// it skipped too. The verdict stays the XSD's (invalid either way): only findings are added.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/common/i18n/index';
import { SCHEMA_DIRECTORY, sharedValidator } from '../schema/schema-files';

const OUT_OF_ORDER = `<?xml version="1.0" encoding="utf-8"?>
<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1">
  <Global>
    <SubscriberId>bad-id!</SubscriberId>
    <CarrierId>{zzzz}</CarrierId>
    <DeviceId>12</DeviceId>
  </Global>
  <Plans>
    <Plan xmlns="http://www.microsoft.com/networking/CarrierControl/Plans/v1" Name="x">
      <Usage CurrentUsage="1" OverLimit="false" Congested="false" UsageTimestamp="2025-01-20T08:00:00Z"/>
      <Description PlanType="Bogus">
        <DataLimitInMegabytes>-5</DataLimitInMegabytes>
      </Description>
    </Plan>
  </Plans>
</CarrierProvisioning>
`;

function xmllint(text: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-order-'));
  const file = path.join(directory, 'out-of-order.xml');
  writeFileSync(file, text);
  const run = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMA_DIRECTORY, 'provisioning.xsd'), file], { encoding: 'utf8' });
  return run.stderr;
}

describe('values after an element-order error', () => {
  it('xmllint stops at the order error and never checks the values after it (the reason for this pass)', () => {
    const report = xmllint(OUT_OF_ORDER);
    expect(report).toContain("SubscriberId': This element is not expected");
    expect(report).toContain("Description': This element is not expected");
    expect(report).not.toContain('bad-id!');
    expect(report).not.toContain('{zzzz}');
    expect(report).not.toContain("'12'");
    expect(report).not.toContain('Bogus');
    expect(report).not.toContain('-5');
    expect(report).toContain('fails to validate');
  });

  it('reports every value error of the parent and of what follows the misplaced element; the verdict stays invalid', () => {
    const result = sharedValidator('windows11').validate(OUT_OF_ORDER, { lint: false });
    expect(result.valid).toBe(false);
    const found = result.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code, diagnostic.params.element]);
    expect(found).toEqual([
      [4, 'XSD_UNEXPECTED_ELEMENT', 'SubscriberId'],
      [4, 'XSD_PATTERN', 'SubscriberId'],
      [5, 'XSD_PATTERN', 'CarrierId'],
      [6, 'XSD_PATTERN', 'DeviceId'],
      [11, 'XSD_UNEXPECTED_ELEMENT', 'Description'],
      [11, 'XSD_ENUMERATION', 'Description/@PlanType'],
      [12, 'XSD_TYPE', 'DataLimitInMegabytes'],
    ]);
    const deviceId = result.diagnostics.find((diagnostic) => diagnostic.params.element === 'DeviceId')!;
    expect(deviceId.message).toBe('DeviceId: is not a device identifier: 15 or 16 digits (an IMEI or ESN) or a MAC address of six pairs of hexadecimal digits separated by colons, such as 00:1A:2B:3C:4D:5E (type DeviceIdType) (checked although the element order around it is wrong).');
    expect(translate('fr', deviceId.messageKey, deviceId.params)).toMatch(/^DeviceId : n’est pas un identifiant d’appareil/);
    expect(translate('pt', deviceId.messageKey, deviceId.params)).toMatch(/^DeviceId: não é um identificador de dispositivo/);
  });

  it('adds nothing when the order is right (libxml2 checked every value) or the file is valid', () => {
    const inOrder = OUT_OF_ORDER.replace('    <SubscriberId>bad-id!</SubscriberId>\n    <CarrierId>{zzzz}</CarrierId>\n', '    <CarrierId>{zzzz}</CarrierId>\n    <SubscriberId>bad-id!</SubscriberId>\n');
    const codes = sharedValidator('windows11').validate(inOrder, { lint: false }).diagnostics.filter((diagnostic) => diagnostic.range.start.line <= 7);
    expect(codes.map((diagnostic) => [diagnostic.code, diagnostic.messageKey])).toEqual([
      ['XSD_PATTERN', 'schema.pattern'],
      ['XSD_PATTERN', 'schema.pattern'],
      ['XSD_PATTERN', 'schema.pattern'],
    ]);
  });
});
