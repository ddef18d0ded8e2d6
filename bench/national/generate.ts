// A national shared service in one database: the demo county, loaded through the services, and
// 149 other councils copied from it in bulk SQL (150 councils, 75,000 placements, 12,600 contracted
// services), each with a waiting list of referrals and a year of audit, beside a national registry
// of 3,000 providers and 15,000 services. The same rows every time, ids of the demo county aside.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';
import { loadDemoCounty } from '../../src/demo/service.ts';
import { DEMO_COUNCIL, DEMO_NHS } from '../../src/demo/domain/demo-county.ts';
import { copyAuditYear } from './audit.ts';
import { copyOrganisations } from './clone.ts';
import { addReferrals } from './referrals.ts';
import { addRegistry } from './registry.ts';
import { count, rowsOf } from './sql.ts';

export interface NationalScale {
  /** Councils in all, the demo county among them. */
  councils: number;
  /** Referrals on each council's waiting list, besides the demo county's own. */
  referralsPerCouncil: number;
  providers: number;
  services: number;
}

export const NATIONAL: NationalScale = { councils: 150, referralsPerCouncil: 200, providers: 3_000, services: 15_000 };

/** Writes the national database into an empty one, or one with the demo county alone; `say` hears how each step went. */
export async function generateNational(db: Db, scale: NationalScale, say: (line: string) => void): Promise<void> {
  const step = async (what: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    say(`${what} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  };
  // An empty database, or one holding the demo county alone (as the first start leaves it).
  if ((await count(db, 'organisations')) > 2)
    throw new Error('The database holds other organisations: give an empty one');
  await step('Demo county loaded through the services (unless it was there)', () => loadDemoCounty(db));
  const [council, nhs] = await rowsOf<{ id: string }>(
    db,
    sql`select id from organisations where code in (${DEMO_COUNCIL.code}, ${DEMO_NHS.code}) order by type`,
  );
  const demo = [council!.id, nhs!.id];
  const copies = scale.councils - 1;
  await step(`National registry: ${scale.providers} providers, ${scale.services} services`, () =>
    addRegistry(db, scale.providers, scale.services),
  );
  await step(`${copies} councils copied from the demo county`, () => copyOrganisations(db, demo, 1, copies));
  // Each waiting list refers to the vehicle the county's own referrals use, by its social worker.
  const [first] = await rowsOf<{ vehicle: string; referrer: string }>(
    db,
    sql`select vehicle_id as vehicle, referred_by as referrer from referrals
        where organisation_id = ${council!.id} order by created_at limit 1`,
  );
  const copied = (value: string) => sql`md5(c || ':' || ${value})::uuid`;
  await step(`${scale.referralsPerCouncil} referrals on each council's waiting list`, async () => {
    const perCouncil = scale.referralsPerCouncil;
    const own = sql`${council!.id}::uuid`;
    const vehicle = sql`${first!.vehicle}::uuid`;
    const referrer = sql`${first!.referrer}::uuid`;
    await addReferrals(db, { councils: 1, perCouncil, organisation: own, referrer, vehicle, tag: 'demo' });
    if (copies > 0)
      await addReferrals(db, {
        councils: copies,
        perCouncil,
        organisation: copied(council!.id),
        referrer: copied(first!.referrer),
        vehicle: copied(first!.vehicle),
        tag: 'national',
      });
  });
  await step('A year of audit for each council', () => copyAuditYear(db, demo, 1, copies));
  // As autovacuum would leave it: statistics gathered, and pages marked all-visible so counts read the index alone.
  await step('Vacuumed and statistics gathered', () => db.execute(sql`vacuum analyze`));
  const tables = ['organisations', 'people', 'placements', 'contracted_services', 'referrals', 'audit_events'];
  const sizes = await Promise.all(tables.map((table) => count(db, table)));
  say(tables.map((table, i) => `${sizes[i]} ${table}`).join(', '));
}
