// The national registry of supported living: providers and their services (CQC locations), with
// ratings in roughly the national mix: most Good, some Requires improvement, a few Inadequate or unrated.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';
import { id } from './sql.ts';

/** `services` services run by `providers` providers; service s belongs to provider 1 + s % providers. */
export async function addRegistry(db: Db, providers: number, services: number): Promise<void> {
  await db.execute(sql`
    insert into providers (id, name, created_at, updated_at)
    select ${id('provider', 'p')}, 'Bench provider ' || p, now(), now() from generate_series(1, ${providers}) p`);
  await db.execute(sql`
    insert into provider_locations (id, provider_id, name, overall_rating, rating_published_on, service_types, created_at, updated_at)
    select ${id('location', 's')}, ${id('provider', `(1 + s % ${providers})`)}, 'Bench service ' || s,
      (array['good','good','good','good','good','good','good','good','good','good','good','good','good','good','good',
             'outstanding','outstanding','requires_improvement','requires_improvement','requires_improvement',
             null,'inadequate'])[1 + s % 22],
      date '2026-12-01' - (s % 900), array['supported_living'], now(), now()
    from generate_series(1, ${services}) s`);
}
