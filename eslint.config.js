// Lint: ESLint's and typescript-eslint's recommended rules over every TypeScript file of
// the project (the syntactic set: fast enough for every `npm test`; `tsc` does the typing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'docs/api/', 'test-results/', '.cache/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Page scripts are evaluated from strings in tests on purpose; each place says so.
      'no-new-func': 'error',
      // A binding a callback reads before its one assignment stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_`-prefixed names mark a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
