// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.cache/',
      '.tmp/',
      '.strapi/',
      '.ci/',
      'types/generated/',
      'public/',
      'src/admin/',
      // Deliberately wrong code that a unit test wants the compiler to refuse.
      'tests/unit/fixtures/drift/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  // Type-aware: the rules see the types (Strapi's, with the project's generated schemas).
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Off: without `noUncheckedIndexedAccess`, a lookup in a record (`attributes[name]`) is typed
      // as always present, and this rule would remove the guards that handle the missing case;
      // Strapi's types also call some values non-nullable that are undefined at run time
      // (`strapi.requestContext.get()` outside a request, `getModel` of an unknown uid).
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Off for the same reason: `options?.draftAndPublish === true` is not the same as
      // `options?.draftAndPublish` when Strapi's types omit the undefined case.
      '@typescript-eslint/no-unnecessary-boolean-literal-compare': 'off',
    },
  },
  prettier,
);
