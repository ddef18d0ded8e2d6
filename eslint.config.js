// Lint: TypeScript rules, plus the layout rule from DESIGN.md that a domain/ folder stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'drizzle/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A part uses another part's service or domain/, never its repository (DESIGN.md): its rules
    // about who sees what live in the service. A part may split its repository by topic (x-repository.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+([a-z-]+/)+([a-z-]+-)?repository(\\.ts)?$',
              message: "Use the other part's service, not its repository.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pure rules: a domain/ folder imports only from other domain/ folders (and node:assert/util in tests).
    files: ['src/**/domain/**/*.ts'],
    ignores: ['src/**/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|node:(assert|util)$)',
              message: 'domain/ is pure: import only from domain/ folders.',
            },
            {
              regex: '^\\.{1,2}/(.*/)?([a-z-]+-)?(schema|repository|service|routes|api)(\\.ts)?$',
              message: 'domain/ is pure: no database or HTTP layers.',
            },
            {
              regex: '^\\.\\./\\.\\./(?!([a-z-]+/)?domain/)',
              message: 'domain/ is pure: import only from domain/ folders.',
            },
          ],
        },
      ],
    },
  },
);
