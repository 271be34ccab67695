import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema here; applying it is `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
