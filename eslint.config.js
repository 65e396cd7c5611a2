// Lint: `pnpm -s lint`. Formatting is Prettier's (`pnpm -s format`), so no rule here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lbc from './eslint-rules/index.js';

const TEST_FILES = ['test/**', '*/test/**', 'subgraphs/*/test/**'];

export default defineConfig(
  {
    // Generated files are checked against their generator by test/generated-files.test.ts instead.
    ignores: ['**/node_modules/**', '**/generated/**', '**/dist/**', '.data/**', 'coverage/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    plugins: { lbc },
    rules: {
      'lbc/no-issue-references': 'error',
      // `== null` is the one loose comparison worth keeping: it means null or undefined.
      eqeqeq: ['error', 'smart'],
      // Services log through the kit's pino logger (time, level, request id, masking); a console line has none of that.
      'no-console': 'error',
      // `_` marks a value kept only to be left out: `const { d: _d, ...publicKey } = jwk`, `([_rank, row]) => row`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Kysely's own idiom is `Kysely<any>` for migrations and schema-agnostic helpers, and tests read untyped
      // GraphQL response JSON; the strict tsconfig (strict, noUncheckedIndexedAccess) is the type discipline here.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Type-aware: only the promise rules, the class of bug that crashes a Node service (an unhandled rejection)
    // and that the compiler does not see. One program from tsconfig.json (every .ts file is in it): about a third
    // less CPU and memory than `projectService`.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The dashboard's app runs in the browser: its own tsconfig (DOM, JSX, bundler resolution) and browser globals.
    files: ['dashboard/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser, parserOptions: { project: './dashboard/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // One error catalogue: every GraphQLError a service raises is built by schema/src/errors (hubError and its named
    // constructors). Tests may build the plain ones graphql-js would hand a formatter.
    files: ['**/*.ts'],
    ignores: ['schema/src/errors/**', ...TEST_FILES],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='GraphQLError']", message: 'Build errors with the catalogue in @lbc/schema (hubError or a named constructor), not by hand.' },
      ],
    },
  },
  {
    // Command-line tools and tests: the console is their user interface. serve-subgraph.ts runs a service, so it logs.
    files: ['scripts/src/**', 'dashboard/codegen/**', ...TEST_FILES],
    ignores: ['scripts/src/serve-subgraph.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The rule's own documentation and tests have to spell out what it reports.
    files: ['eslint-rules/**'],
    rules: { 'lbc/no-issue-references': 'off' },
  },
);
