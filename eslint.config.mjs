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
  {
    // The installed command is CommonJS (an ES module entry costs Node's ES module loader: docs/performance.md).
    files: ['bin/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The landing page's script is ECMAScript 5 (Internet Explorer runs it): a catch needs its binding.
    files: ['examples/website/site/**'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['examples/website/server.mjs'],
    rules: { 'no-console': 'off' },
  },
);
