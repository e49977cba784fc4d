// The layering of docs/architecture.md as a lint rule: imports point down only.
//
//   renderer            -> shared/common
//   electron, cli       -> shared/node -> shared/common
//
// Nothing imports renderer/ or electron/ from outside itself. shared/common stays pure:
// no Node built-ins, no Electron, no React, no DOM-only packages.
//
// Inside shared/common the modules (its folders, and ipc.ts) are ordered too: a module imports
// only modules of a lower rank than its own (COMMON_MODULE_RANKS). Modules of the same rank are
// peers and import nothing of each other; validation/ runs schema/ and lint/ side by side.
import path from 'node:path';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Which packages each layer may import (bare specifiers); null means "any package". */
const LAYERS = {
  'shared/common': {
    mayImportLayers: ['shared/common'],
    nodeBuiltins: false,
    forbiddenPackages: ['electron', 'react', 'react-dom', 'monaco-editor'],
  },
  'shared/node': {
    mayImportLayers: ['shared/common', 'shared/node'],
    nodeBuiltins: true,
    forbiddenPackages: ['electron', 'react', 'react-dom', 'monaco-editor'],
  },
  renderer: {
    mayImportLayers: ['shared/common', 'renderer'],
    nodeBuiltins: false,
    forbiddenPackages: ['electron'],
  },
  electron: {
    mayImportLayers: ['shared/common', 'shared/node', 'electron'],
    nodeBuiltins: true,
    forbiddenPackages: ['react', 'react-dom', 'monaco-editor'],
  },
  cli: {
    mayImportLayers: ['shared/common', 'shared/node', 'cli'],
    nodeBuiltins: true,
    forbiddenPackages: ['electron', 'react', 'react-dom', 'monaco-editor'],
  },
};

/**
 * The order inside shared/common, lowest first. A module may import from a module of a lower
 * rank only. A new folder must be given its place here (the rule reports one that has none).
 */
export const COMMON_MODULE_RANKS = {
  i18n: 0, // the catalogues and plural rules: everything may say something
  text: 0, // line endings
  xml: 1, // positioned parser, tree, diagnostics, namespaces, root peek, element paths
  'schema-model': 2, // what the XSDs say, compiled
  windows: 2, // the Windows versions we check for (targets, their schema sets) and the lax-slot question
  schema: 3, // Windows' verdict (libxml2)
  lint: 3, // what the XSDs cannot express; a peer of schema
  validation: 4, // runs schema and lint as peers
  results: 4, // reading what Windows returns (takes a validator by its shape)
  edit: 5, // minimal text edits, the edit session, form changes as edits
  semantic: 5, // what a file makes Windows do (explain, dry-run, diff)
  forms: 6, // form specs built from the schema model
  templates: 6,
  subscriber: 6,
  website: 6,
  language: 6, // the editor's pure logic (completion, hover, folding, formatting, tree model, signature removal); imports edit, schema-model, xml
  ipc: 8, // the contract between the renderer and a host
  commands: 9, // the command table and the menus built from it (browser menu bar, Electron's native menu)
};

/** The shared/common module a repository-relative path is in ('ipc' for ipc.ts), or null. */
export function commonModuleOf(relativePath) {
  const match = /^shared\/common\/([^/]+?)(?:\.[cm]?tsx?)?(?:\/|$)/.exec(relativePath.split(path.sep).join('/'));
  return match ? match[1] : null;
}

/**
 * Why an import from one shared/common file to another breaks the module order, or null when it
 * keeps it. Used by the lint rule and by the test over the whole import graph.
 */
export function commonOrderViolation(fromRelative, toRelative) {
  const from = commonModuleOf(fromRelative);
  const to = commonModuleOf(toRelative);
  if (!from || !to || from === to) return null;
  if (!(from in COMMON_MODULE_RANKS)) return { messageId: 'unranked', module: from };
  if (!(to in COMMON_MODULE_RANKS)) return { messageId: 'unranked', module: to };
  return COMMON_MODULE_RANKS[to] < COMMON_MODULE_RANKS[from] ? null : { messageId: 'commonOrder', from, to };
}

const LAYER_NAMES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer a repository-relative path belongs to, or null (tests, scripts, tools). */
export function layerOf(relativePath) {
  const normalised = relativePath.split(path.sep).join('/');
  // Build configuration beside a layer's sources (vite.config.ts, ...) runs in Node at build time.
  if (/\.config\.[cm]?[jt]s$/.test(normalised)) return null;
  return LAYER_NAMES.find((name) => normalised === name || normalised.startsWith(`${name}/`)) ?? null;
}

/** Whether a file in one layer may import a file in another (both repository-relative paths). */
export function layerAllows(fromRelative, toRelative) {
  const from = layerOf(fromRelative);
  const to = layerOf(toRelative);
  return !from || !to || LAYERS[from].mayImportLayers.includes(to);
}

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must follow the layering in docs/architecture.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      upward: "Layer '{{from}}' may not import from '{{to}}' ({{specifier}}). Allowed: {{allowed}}.",
      nodeBuiltin: "Layer '{{from}}' must stay free of Node built-ins ({{specifier}}).",
      forbiddenPackage: "Layer '{{from}}' may not import the package '{{specifier}}'.",
      commonOrder: "shared/common/{{from}} may not import shared/common/{{to}} ({{specifier}}): modules import only lower-ranked ones (COMMON_MODULE_RANKS in tools/eslint/layers.mjs).",
      unranked: "shared/common/{{module}} has no place in COMMON_MODULE_RANKS (tools/eslint/layers.mjs); give it one ({{specifier}}).",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const filename = context.filename;
    const fromLayer = layerOf(path.relative(root, filename));
    if (!fromLayer) return {};
    const rules = LAYERS[fromLayer];

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = path.resolve(path.dirname(filename), specifier);
        const relativeTarget = path.relative(root, target);
        if (relativeTarget.startsWith('..')) return;
        const toLayer = layerOf(relativeTarget);
        if (toLayer && !rules.mayImportLayers.includes(toLayer)) {
          context.report({
            node,
            messageId: 'upward',
            data: { from: fromLayer, to: toLayer, specifier, allowed: rules.mayImportLayers.join(', ') },
          });
          return;
        }
        const violation = commonOrderViolation(path.relative(root, filename), relativeTarget);
        if (violation) context.report({ node, messageId: violation.messageId, data: { ...violation, specifier } });
        return;
      }
      if (NODE_BUILTINS.has(specifier) || specifier.startsWith('node:')) {
        if (!rules.nodeBuiltins) context.report({ node, messageId: 'nodeBuiltin', data: { from: fromLayer, specifier } });
        return;
      }
      if (rules.forbiddenPackages.includes(packageNameOf(specifier))) {
        context.report({ node, messageId: 'forbiddenPackage', data: { from: fromLayer, specifier } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { 'import-direction': layersRule } };
