// For every valid corpus file: every element the schema model offers (by name, not through a
// wildcard) as a new child of every element, inserted at its schema-correct place with its
// mandatory children, keeps the document valid for libxml2.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertElement } from '../../../shared/common/edit/index';
import { BUNDLED_SCHEMA_MODEL as model } from '../../../shared/common/schema-model/bundled';
import { childNames, childrenAllowedAt, insertionIndexFor } from '../../../shared/common/schema-model/index';
import { walkElements } from '../../../shared/common/xml/index';
import { ROOT, listFiles, parse, sharedValidator } from './support';

const validFiles = listFiles(path.join(ROOT, 'test/fixtures/corpus')).filter((file) => file.endsWith('.valid.xml'));

describe('schema-allowed inserts keep valid documents valid', () => {
  it('covers the valid corpus', () => {
    expect(validFiles.length).toBeGreaterThan(100);
  });

  for (const file of validFiles) {
    it(path.relative(path.join(ROOT, 'test/fixtures/corpus'), file), () => {
      const text = readFileSync(file, 'utf8');
      const document = parse(text);
      const validator = sharedValidator();
      expect(validator.validate(text, { lint: false }).valid).toBe(true);
      const failures: string[] = [];
      let parentsTried = 0;
      for (const parent of walkElements(document.root)) {
        // Big files (10 000 SSIDs) repeat one shape: the first parents cover every kind.
        if (++parentsTried > 60) break;
        const existing = childNames(parent);
        // Placing a child in a list of thousands behind a lax wildcard (SSIDConfig with 10 000 v2
        // SSIDs) costs O(n²) content-model matches; not exercised here (known limit, see docs/forms.md).
        if (existing.length > 1000) continue;
        const offered = new Map<string, { namespace: string; localName: string }>();
        const indexes = existing.length <= 40 ? existing.map((_, index) => index).concat(existing.length) : [0, 1, existing.length - 1, existing.length];
        for (const index of indexes) {
          for (const child of childrenAllowedAt(model, parent, existing, index)) {
            if (!child.viaWildcard) offered.set(`{${child.namespace}}${child.localName}`, child);
          }
        }
        for (const child of offered.values()) {
          // Offered somewhere means it has a place; the engine picks the schema-correct one.
          expect(insertionIndexFor(model, parent, existing, child)).not.toBeNull();
          const outcome = insertElement(document, parent, child, { model });
          if (!outcome.ok) {
            failures.push(`${parent.name} + ${child.localName}: ${outcome.code}`);
            continue;
          }
          const result = validator.validate(outcome.text, { lint: false });
          if (!result.valid) failures.push(`${parent.name} + ${child.localName}: ${result.diagnostics.find((d) => d.severity === 'error')?.message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
