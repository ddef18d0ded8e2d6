// Quality's queries: the framework's versions and the organisation's quality settings.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { qualityFrameworks, qualitySettings } from './schema.ts';

export type FrameworkRow = typeof qualityFrameworks.$inferSelect;

/** Every version of the organisation's framework, newest first. */
export function frameworkVersions(db: Db, organisationId: string): Promise<FrameworkRow[]> {
  return db
    .select()
    .from(qualityFrameworks)
    .where(eq(qualityFrameworks.organisationId, organisationId))
    .orderBy(desc(qualityFrameworks.version));
}

export async function frameworkVersion(
  db: Db,
  organisationId: string,
  version: number,
): Promise<FrameworkRow | undefined> {
  const [row] = await db
    .select()
    .from(qualityFrameworks)
    .where(and(eq(qualityFrameworks.organisationId, organisationId), eq(qualityFrameworks.version, version)));
  return row;
}

export async function insertFramework(db: Db, row: typeof qualityFrameworks.$inferInsert): Promise<void> {
  await db.insert(qualityFrameworks).values(row);
}

export type SettingsRow = typeof qualitySettings.$inferSelect;

export async function settingsOf(db: Db, organisationId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(qualitySettings).where(eq(qualitySettings.organisationId, organisationId));
  return row;
}

export async function saveSettings(db: Db, row: SettingsRow): Promise<void> {
  await db.insert(qualitySettings).values(row).onConflictDoUpdate({ target: qualitySettings.organisationId, set: row });
}
