// validation/ runs the schema verdict and the lint rules as peers: each one's failure becomes a
// finding and the other's findings still arrive.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvisioningValidator, VALIDATION_PARTICIPANT_FAILED } from '../../../shared/common/validation/index';
import { SchemaValidator } from '../../../shared/common/schema/validator';
import { ROOT, readSchemaFiles } from '../schema/schema-files';
import { wasmXsdEngine } from '../../../shared/common/schema/libxml';

const schema = SchemaValidator.create(wasmXsdEngine, readSchemaFiles(), 'windows10');
const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'lint', name), 'utf8');
/** A file with a lint error (PS-L001) and no schema error. */
const lintFinding = fixture('PS-L001.fail.xml');

describe('validation participants', () => {
  it('runs schema and lint: the fixture has a lint finding and is valid for Windows', () => {
    const result = new ProvisioningValidator(schema).validate(lintFinding);
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain('PS-L001');
  });

  it('a lint participant that throws becomes a warning; the verdict and the schema findings stay', () => {
    const broken = new ProvisioningValidator(schema, () => {
      throw new Error('rule exploded');
    });
    const result = broken.validate(lintFinding);
    expect(result.valid).toBe(true);
    const failure = result.diagnostics.find((diagnostic) => diagnostic.code === VALIDATION_PARTICIPANT_FAILED);
    expect(failure).toMatchObject({ source: 'lint', severity: 'warning', params: { participant: 'lint', detail: 'rule exploded' } });
    expect(failure!.range.start).toMatchObject({ line: 1, column: 1 });

    const invalid = broken.validate(lintFinding.replace('</CarrierProvisioning>', '<Unknown/></CarrierProvisioning>'));
    expect(invalid.valid).toBe(false);
    expect(invalid.diagnostics.some((diagnostic) => diagnostic.source === 'schema')).toBe(true);
  });

  it('a schema participant that throws becomes an error (no verdict without it); lint still reports', () => {
    const throwing = Object.assign(Object.create(schema) as SchemaValidator, {
      check: () => {
        throw new Error('libxml2 ran out of memory');
      },
    });
    const result = new ProvisioningValidator(throwing).validate(lintFinding);
    expect(result.valid).toBe(false);
    expect(result.documentKind).toBe('provisioning');
    const codes = result.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes).toContain(VALIDATION_PARTICIPANT_FAILED);
    expect(codes).toContain('PS-L001');
    expect(result.diagnostics.find((diagnostic) => diagnostic.code === VALIDATION_PARTICIPANT_FAILED)).toMatchObject({ source: 'schema', severity: 'error' });
  });

  it('lint: false runs the schema participant only', () => {
    const result = new ProvisioningValidator(schema, () => {
      throw new Error('must not run');
    }).validate(lintFinding, { lint: false });
    expect(result.diagnostics).toEqual([]);
  });
});
