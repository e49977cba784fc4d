// The layer rule of docs/architecture.md, tested with ESLint's RuleTester on virtual files.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { layersRule } from '../../tools/eslint/layers.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = '/repo';
const file = (relative: string) => path.join(root, relative);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const options = [{ root }];

tester.run('layers/import-direction', layersRule, {
  valid: [
    { filename: file('renderer/src/App.tsx'), code: "import { x } from '../../shared/common/ipc';", options },
    { filename: file('renderer/src/App.tsx'), code: "import React from 'react';", options },
    { filename: file('shared/node/host.ts'), code: "import fs from 'node:fs'; import { x } from '../common/ipc';", options },
    { filename: file('cli/main.ts'), code: "import { h } from '../shared/node/host';", options },
    { filename: file('electron/main.ts'), code: "import { app } from 'electron'; import { h } from '../shared/node/host';", options },
    { filename: file('shared/common/xml/parse.ts'), code: "import { SaxesParser } from 'saxes';", options },
    { filename: file('test/unit/x.test.ts'), code: "import { App } from '../../renderer/src/App';", options },
    { filename: file('renderer/vite.config.ts'), code: "import path from 'node:path';", options },
    // Inside shared/common: down the module order only.
    { filename: file('shared/common/validation/validator.ts'), code: "import { lintDocument } from '../lint/index'; import { SchemaValidator } from '../schema/validator';", options },
    { filename: file('shared/common/lint/rules.ts'), code: "import { NAMESPACES } from '../xml/namespaces'; import { DEFAULT_TARGET } from '../windows/targets';", options },
    { filename: file('shared/common/forms/form-model.ts'), code: "import { EditSession } from '../edit/session';", options },
    { filename: file('shared/common/ipc.ts'), code: "import type { LineEnding } from './text/line-endings';", options },
  ],
  invalid: [
    { filename: file('renderer/src/App.tsx'), code: "import { h } from '../../shared/node/host';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('renderer/src/App.tsx'), code: "import fs from 'fs';", options, errors: [{ messageId: 'nodeBuiltin' }] },
    { filename: file('renderer/src/App.tsx'), code: "import { ipcRenderer } from 'electron';", options, errors: [{ messageId: 'forbiddenPackage' }] },
    { filename: file('shared/common/ipc.ts'), code: "import path from 'node:path';", options, errors: [{ messageId: 'nodeBuiltin' }] },
    { filename: file('shared/common/ipc.ts'), code: "import { h } from '../node/host';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('shared/common/ipc.ts'), code: "import React from 'react';", options, errors: [{ messageId: 'forbiddenPackage' }] },
    { filename: file('shared/node/host.ts'), code: "import { App } from '../../renderer/src/App';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('shared/node/host.ts'), code: "import { run } from '../../cli/main';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('cli/main.ts'), code: "import { buildMenu } from '../electron/menu';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('electron/main.ts'), code: "export * from '../renderer/src/App';", options, errors: [{ messageId: 'upward' }] },
    { filename: file('shared/common/x.ts'), code: "const fs = require('fs');", options, errors: [{ messageId: 'nodeBuiltin' }] },
    { filename: file('shared/common/x.ts'), code: "await import('node:fs');", options, errors: [{ messageId: 'nodeBuiltin' }] },
    // The arrow that used to run back up: the validator called the linter, lint read schema's table.
    { filename: file('shared/common/schema/validator.ts'), code: "import { lintDocument } from '../lint/index';", options, errors: [{ messageId: 'commonOrder' }] },
    { filename: file('shared/common/lint/rules.ts'), code: "import { ACCEPTED_ROOTS } from '../schema/roots';", options, errors: [{ messageId: 'commonOrder' }] },
    { filename: file('shared/common/xml/model.ts'), code: "import { SchemaModel } from '../schema-model/types';", options, errors: [{ messageId: 'commonOrder' }] },
    { filename: file('shared/common/edit/session.ts'), code: "export * from '../forms/form-model';", options, errors: [{ messageId: 'commonOrder' }] },
    { filename: file('shared/common/text/line-endings.ts'), code: "import type { LineEnding } from '../ipc';", options, errors: [{ messageId: 'commonOrder' }] },
    { filename: file('shared/common/newroom/x.ts'), code: "import { parseXml } from '../xml/parse';", options, errors: [{ messageId: 'unranked' }] },
  ],
});
