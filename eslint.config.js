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
  // The layers' boundaries (tsc keeps the DOM out of both: machines/tsconfig.json,
  // src/worker/tsconfig.json). The machines are pure XState: their own files and xstate.
  {
    files: ['machines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|xstate$)',
              message:
                'machines/ is pure XState: import its own files or xstate only, and take effects as injected actions and actors.',
            },
          ],
        },
      ],
    },
  },
  // The worker entries ship to service workers: no page code, no dependencies, only the
  // wire protocol they share with the page.
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./protocol/(messages|checks)\\.js$)',
              message:
                'src/worker/ runs in a service worker: import its own files or ../protocol/ only (message shapes belong in src/protocol/messages.ts).',
            },
          ],
        },
      ],
    },
  },
);
