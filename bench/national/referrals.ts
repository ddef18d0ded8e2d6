// A working waiting list written straight into the tables: people with a referral each, and for
// each referral being offered three offers (one awaiting an answer) to providers across the registry.
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';

/** Statuses in the proportions of a working waiting list: most placed, a third still open. */
const STATUSES = ['placed', 'placed', 'placed', 'withdrawn', 'new', 'offering', 'offering', 'off-framework-requested'];
/** The status of the p-th referral, as SQL. */
const statusOf = sql.raw(`(array[${STATUSES.map((s) => `'${s}'`).join(',')}])[1 + (p % ${STATUSES.length})]`);

export interface WaitingLists {
  /** How many councils, numbered c = 1.. in the SQL below. */
  councils: number;
  perCouncil: number;
  /** SQL of council c's organisation id, the member of staff who refers, and the vehicle referred to. */
  organisation: SQL;
  referrer: SQL;
  vehicle: SQL;
  /** Tells this set's rows from another's; fixed for a database made the same way each time. */
  tag?: string;
}

export async function addReferrals(db: Db, lists: WaitingLists): Promise<void> {
  const { organisation, referrer, vehicle } = lists;
  const tag = lists.tag ?? randomBytes(4).toString('hex');
  const each = sql`generate_series(1, ${lists.councils}) c, generate_series(1, ${lists.perCouncil}) p`;
  const person = sql`md5(${tag} || '-' || c || '-' || p)::uuid`;
  const referral = sql`md5('r' || ${tag} || '-' || c || '-' || p)::uuid`;
  await db.execute(sql`
    insert into people (organisation_id, id, name, date_of_birth, case_reference, client_groups, in_county,
      payment_route, funding, status, created_at, updated_at)
    select ${organisation}, ${person}, 'Waiting person ' || p, date '1985-06-01' + (p % 5000),
      'WL-' || ${tag} || '-' || c || '-' || p, array['learning-disability'], true, 'commissioned',
      '[{"stream":"care-act","percent":100}]'::jsonb, 'active', now(), now()
    from ${each}`);
  await db.execute(sql`
    insert into referrals (organisation_id, id, person_id, vehicle_id, referred_by, start_by, zone_ids, urgency,
      status, step, created_at, updated_at)
    select ${organisation}, ${referral}, ${person}, ${vehicle}, ${referrer}, current_date + 30 + (p % 60),
      '{}', 'routine', ${statusOf}, case when ${statusOf} = 'offering' then 'tier1' end,
      now() - make_interval(days => p % 365), now()
    from ${each}`);
  await db.execute(sql`
    with registry as (select array_agg(id order by id) as ids from providers)
    insert into offers (organisation_id, id, referral_id, step, provider_id, reason, sent_at, respond_by, status)
    select ${organisation}, md5('o' || ${tag} || '-' || c || '-' || p || '-' || o)::uuid, ${referral}, 'tier1',
      registry.ids[1 + ((c * 7 + p + o) % array_length(registry.ids, 1))], 'Tier 1 provider in the zone', now(),
      current_date + (p % 3), case when o = 1 then 'awaiting' else 'declined' end
    from registry, ${each}, generate_series(1, 3) o
    where ${statusOf} = 'offering'`);
}
