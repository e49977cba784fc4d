// The layering of DESIGN.md as a lint rule: imports point down only.
//
//   renderer            -> shared/common
//   electron, cli       -> shared/node -> shared/common
//
// Nothing imports renderer/ or electron/ from outside itself. shared/common stays pure:
// no Node built-ins, no Electron, no React, no DOM-only packages.
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

const LAYER_NAMES = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer a repository-relative path belongs to, or null (tests, scripts, tools). */
export function layerOf(relativePath) {
  const normalised = relativePath.split(path.sep).join('/');
  // Build configuration beside a layer's sources (vite.config.ts, ...) runs in Node at build time.
  if (/\.config\.[cm]?[jt]s$/.test(normalised)) return null;
  return LAYER_NAMES.find((name) => normalised === name || normalised.startsWith(`${name}/`)) ?? null;
}

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must follow the layering in DESIGN.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      upward: "Layer '{{from}}' may not import from '{{to}}' ({{specifier}}). Allowed: {{allowed}}.",
      nodeBuiltin: "Layer '{{from}}' must stay free of Node built-ins ({{specifier}}).",
      forbiddenPackage: "Layer '{{from}}' may not import the package '{{specifier}}'.",
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
        }
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
