import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every part's schema.ts (or, split by topic, its *-schema.ts files)
// and committed; they run at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/**/schema.ts', './src/**/*-schema.ts'],
  out: './drizzle',
});
