import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every part's schema.ts and committed; they run at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/schema.ts',
  out: './drizzle',
});
