import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import drizzle from 'eslint-plugin-drizzle';
import { importX } from 'eslint-plugin-import-x';

// Domain code reads and writes inside an organisation, under row-level security; only lib/db, the
// auth layer (who is calling, before any organisation is known) and the few organisation files that
// act before or across organisations (joining, starting or leaving one, a token's rate limit) use
// the connection's own user.
const withoutOrganisation = {
  group: ['**/db/client'],
  importNames: ['getDb'],
  message: 'Read and write through withOrganisation (row-level security); only lib/db, lib/auth and the listed lib/organisations files use getDb.',
};

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // An update or delete without where touches every row; make it a deliberate choice.
    plugins: { drizzle, 'import-x': importX },
    // Import cycles are found by import-x's no-cycle, which follows our own modules (resolved as
    // TypeScript does, `@/` included) in about a quarter of the time the import plugin's took.
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // A type-only import says so, and is erased from the bundle (no accidental runtime import).
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // No module may import itself back: a cycle makes the load order decide what is undefined.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // A file past ~300 lines usually holds two things. A warning, not an error: `npm run lint`
    // (scripts/lint.mjs) lists these files without failing; every other warning fails it.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.fixture.ts', '**/*-fixtures.ts', 'e2e/**', 'lib/db/seed/**/*-data.ts'],
    rules: { 'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    // One seam to the database: only lib/ (and scripts run from the command line) may reach a
    // driver or the connection; pages and components call domain functions. And one link.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'postgres', message: 'Only lib/db talks to the database.' },
            { name: '@electric-sql/pglite', message: 'Only lib/db talks to the database.' },
            { name: '@/lib/db/connection', message: 'Call a domain function from lib/ instead.' },
            // Prefetches when a person reaches for a link, not every link in view (components/ui/link.tsx).
            { name: 'next/link', importNames: ['default'], message: "Use Link from '@/components/ui/link'." },
          ],
          patterns: [{ group: ['drizzle-orm*'], message: 'Only lib/ builds queries.' }, withoutOrganisation],
        },
      ],
    },
  },
  {
    // The board's SQL names its tables and columns through Drizzle's table objects, so that a
    // renamed column fails the type check (issue 13).
    files: ['lib/board/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
          message: 'Name tables and columns with the Drizzle schema objects (sql`${table.column}`), not sql.raw.',
        },
      ],
    },
  },
  {
    files: ['lib/**'],
    ignores: [
      'lib/db/**',
      'lib/auth/**',
      'lib/organisations/invitations.ts',
      'lib/organisations/memberships.ts',
      'lib/organisations/organisations.ts',
      'lib/organisations/token-limits.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [withoutOrganisation] }] },
  },
];

export default config;
