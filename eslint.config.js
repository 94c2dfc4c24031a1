// One lint config for the whole repository: type-aware rules that catch real bugs (floating promises)
// and keep imports honest under `verbatimModuleSyntax`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './tools/lint/import-boundaries.js';

// services/ holds only what ships in an image: `npm run lint` fails on any import from it into tools/, generators/,
// policies/, diff/, infra/, loadtests/ or config/ (tests are exempt).
const ENFORCE_SERVICES_BOUNDARY = true;

export default tseslint.config(
  {
    ignores: [
      'argocd/**',
      'node_modules/**',
      '.cache/**',
      '.stack/**',
      'environments/*/manifests/**',
      'coverage/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // fastify handlers are async by convention even when they await nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests and policy rules walk rendered manifests and recorded resource inputs, which are untyped data by nature.
    files: [
      '**/*.test.ts',
      'policies/**/*.ts',
      'infra/policies/**/*.ts',
      'infra/testing/**/*.ts',
      'diff/autoscaling/autoscalers.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  ...importBoundaries({ enforceServices: ENFORCE_SERVICES_BOUNDARY }),
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // CommonJS for actions/github-script, which loads workflow helpers with require().
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  // Plain Node scripts (run without TypeScript's loader).
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
