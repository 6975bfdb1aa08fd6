// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/','dist/','build/','.cache/','.tmp/','.strapi/','types/generated/','public/','src/admin/','.ci/','**/*.mjs','**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  { rules: { "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }] } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: '/work/main' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  prettier,
);
