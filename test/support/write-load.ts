// A bounded write load through the JSON API of running servers (people, assessments, placements,
// referrals and their offers), what each server acknowledged, and the checks that what was
// acknowledged is kept and nothing is half-written.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';
import { COMPLEX_SCORES, setRateCard } from './brokerage.ts';
import { liveTieredFramework } from './procurement.ts';
import { call, type ServerProcess } from './server-process.ts';
import type { TestWorld } from './test-app.ts';

export interface LoadSetting {
  vehicleId: string;
  /** Kestrel's Tier 1 membership, which covers the council's North zone. */
  membershipId: string;
  providerId: string;
  tokens: TestWorld['tokens'];
  northZoneId: string;
}

/** The test council's live framework with a rate card: what the load places people under. */
export async function loadSetting(world: TestWorld): Promise<LoadSetting> {
  const framework = await liveTieredFramework(world);
  await setRateCard(world, framework.vehicle.id);
  const membership = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  return {
    vehicleId: framework.vehicle.id,
    membershipId: membership.id,
    providerId: world.otherProviderId,
    tokens: world.tokens,
    northZoneId: world.zoneIds[0]!,
  };
}

export type Acknowledged =
  | { kind: 'person' | 'assessment'; personId: string }
  | { kind: 'placement' | 'referral' | 'offers-sent'; id: string; personId: string };

export interface LoadResult {
  acknowledged: Acknowledged[];
  /** Answers that were neither a success nor a lost connection: each one a fault. */
  refused: string[];
  /** Requests that got no answer (the server was gone). */
  unanswered: number;
}

/**
 * `workers` people at a time, `peopleEach` in turn for each, spread over `servers` in turn: each
 * person is created and assessed, then placed in their own home (even) or referred and offered
 * (odd). `onAcknowledged` sees each success as it comes. A worker stops at its first lost connection.
 */
export async function writeLoad(
  servers: ServerProcess[],
  setting: LoadSetting,
  { workers, peopleEach }: { workers: number; peopleEach: number },
  onAcknowledged: (count: number) => void = () => undefined,
): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], refused: [], unanswered: 0 };
  let turn = 0;
  const write = async <T = { id: string }>(
    seat: 'social_worker' | 'brokerage_officer',
    path: string,
    body: unknown,
    acknowledge: (answer: T) => Acknowledged,
  ): Promise<T> => {
    const server = servers[turn++ % servers.length]!;
    const answer = await call(server, setting.tokens[seat], 'POST', path, body);
    if (answer.status >= 300) {
      result.refused.push(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      throw new Error('refused');
    }
    result.acknowledged.push(acknowledge(answer.body as T));
    onAcknowledged(result.acknowledged.length);
    return answer.body as T;
  };
  const onePerson = async (worker: number, index: number) => {
    const person = await write(
      'social_worker',
      '/api/v1/people',
      {
        name: `Load ${worker}-${index}`,
        dateOfBirth: '1985-03-09',
        caseReference: `LOAD-${worker}-${index}-${Math.random().toString(36).slice(2, 8)}`,
        clientGroups: ['learning-disability'],
        homeZoneId: setting.northZoneId,
        inCounty: true,
        paymentRoute: 'commissioned',
        funding: [{ stream: 'care-act', percent: 100 }],
      },
      (answer) => ({ kind: 'person', personId: answer.id }),
    );
    const personId = person.id;
    await write(
      'social_worker',
      `/api/v1/people/${personId}/assessments`,
      {
        assessedOn: '2026-10-01',
        assessorName: 'Sam Social',
        scores: COMPLEX_SCORES,
        oneToOneMinutesPerWeek: 600,
        nightSupport: 'sleep-in',
        requiredFeatures: [],
      },
      () => ({ kind: 'assessment', personId }),
    );
    if (index % 2 === 0) {
      await write(
        'brokerage_officer',
        '/api/v1/placements',
        {
          personId,
          unitId: null,
          providerId: setting.providerId,
          membershipId: setting.membershipId,
          startsOn: '2026-11-02',
          oneToOneMinutesPerWeek: 600,
          nightSupport: 'sleep-in',
        },
        (answer) => ({ kind: 'placement', id: answer.id, personId }),
      );
      return;
    }
    const { referral } = await write<{ referral: { id: string } }>(
      'social_worker',
      '/api/v1/referrals',
      {
        personId,
        vehicleId: setting.vehicleId,
        startBy: '2027-01-31',
        zoneIds: [setting.northZoneId],
        urgency: 'urgent',
      },
      (answer) => ({ kind: 'referral', id: answer.referral.id, personId }),
    );
    const referralId = referral.id;
    await write('brokerage_officer', `/api/v1/referrals/${referralId}/send-offers`, {}, () => ({
      kind: 'offers-sent',
      id: referralId,
      personId,
    }));
  };
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      try {
        for (let index = 0; index < peopleEach; index += 1) await onePerson(worker, index);
      } catch (error) {
        if ((error as Error).message !== 'refused') result.unanswered += 1;
      }
    }),
  );
  return result;
}

async function ids(db: Db, query: ReturnType<typeof sql>): Promise<string[]> {
  const result = (await db.execute(query)) as unknown as { rows: { id: string }[] };
  return result.rows.map((row) => row.id);
}

/** Acknowledged writes that the database no longer holds, each named. */
export async function lostWrites(db: Db, acknowledged: Acknowledged[]): Promise<string[]> {
  const people = new Set(await ids(db, sql`select id::text as id from people`));
  const assessed = new Set(await ids(db, sql`select distinct person_id::text as id from need_assessments`));
  const placements = new Set(await ids(db, sql`select id::text as id from placements`));
  const referrals = new Set(await ids(db, sql`select id::text as id from referrals`));
  const offered = new Set(await ids(db, sql`select distinct referral_id::text as id from offers`));
  const kept: Record<Acknowledged['kind'], (write: Acknowledged) => boolean> = {
    person: (write) => people.has(write.personId),
    assessment: (write) => assessed.has(write.personId),
    placement: (write) => 'id' in write && placements.has(write.id),
    referral: (write) => 'id' in write && referrals.has(write.id),
    'offers-sent': (write) => 'id' in write && offered.has(write.id),
  };
  return acknowledged.filter((write) => !kept[write.kind](write)).map((write) => JSON.stringify(write));
}

/** Rows that stand without what must have been written with them in the same transaction. */
export async function halfWritten(db: Db): Promise<Record<string, string[]>> {
  const audited = (action: string, key: string, column: ReturnType<typeof sql>) =>
    sql`exists (select 1 from audit_events a where a.action = ${action} and a.after->>${key} = ${column})`;
  return {
    'people without person.create': await ids(
      db,
      sql`select p.id::text as id from people p where not exists
          (select 1 from audit_events a where a.action = 'person.create' and a.record_id = p.id::text)`,
    ),
    'assessed people without person.assess': await ids(
      db,
      sql`select distinct n.person_id::text as id from need_assessments n where not exists
          (select 1 from audit_events a where a.action = 'person.assess' and a.record_id = n.person_id::text)`,
    ),
    'placements without a price': await ids(
      db,
      sql`select p.id::text as id from placements p where not exists
          (select 1 from placement_prices pp where pp.placement_id = p.id)`,
    ),
    'placements without placement.create': await ids(
      db,
      sql`select p.id::text as id from placements p where not ${audited('placement.create', 'placement', sql`p.id::text`)}`,
    ),
    'referrals without referral.create': await ids(
      db,
      sql`select r.id::text as id from referrals r where not ${audited('referral.create', 'referral', sql`r.id::text`)}`,
    ),
    'referrals past new without a cascade step': await ids(
      db,
      sql`select r.id::text as id from referrals r where r.status <> 'new' and not exists
          (select 1 from cascade_steps c where c.referral_id = r.id)`,
    ),
    'cascade steps without referral.cascade-step': await ids(
      db,
      sql`select c.referral_id::text as id from cascade_steps c where not
          ${audited('referral.cascade-step', 'referral', sql`c.referral_id::text`)}`,
    ),
    'offers without their cascade step': await ids(
      db,
      sql`select o.id::text as id from offers o where not exists
          (select 1 from cascade_steps c where c.referral_id = o.referral_id and c.step = o.step)`,
    ),
  };
}
