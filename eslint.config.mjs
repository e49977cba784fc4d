import tseslint from 'typescript-eslint';
import layers from './tools/eslint/layers.mjs';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.bench/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      'layers/import-direction': ['error', { root }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['cli/**', 'scripts/**', 'test/**', 'tools/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
