// The demo county loads through the real services into an empty database, once, with procurement
// in every state the issue asks for.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../platform/db/client.ts';
import { testDatabase } from '../../test/support/test-database.ts';
import { organisationByCode } from '../organisations/service.ts';
import { listVehicles } from '../procurement/vehicle-list-service.ts';
import { evaluationSummary } from '../procurement/evaluation-summary-service.ts';
import { tierProposal } from '../procurement/tier-service.ts';
import { awardView } from '../procurement/award-service.ts';
import { verifyAuditTrail } from '../platform/audit/service.ts';
import { asUser } from './procurement.ts';
import { loadDemoCounty } from './service.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './domain/demo-county.ts';
import { buildApp } from '../app.ts';
import { PageSession } from '../../test/support/test-app.ts';
import { userByEmail } from '../organisations/repository.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { listEmbargoes } from '../brokerage/embargo-service.ts';
import { placementsSummary } from '../brokerage/placement-service.ts';
import { listReferrals, REFERRAL_ORDER } from '../brokerage/referral-service.ts';
import { listSchemes, vacancyList } from '../brokerage/scheme-service.ts';
import { actionList } from '../quality/action-plan-service.ts';
import { assessmentList } from '../quality/assessment-service.ts';
import { scheduleSummary } from '../quality/register-service.ts';
import { intelligenceList } from '../quality/intelligence-service.ts';
import { surveyResultsFor } from '../quality/survey-service.ts';
import { ACTION_ORDER, contractActionList } from '../quality/contract-action-service.ts';
import { transitionPlanFor, transitionPlans } from '../quality/transition-service.ts';
import { vehicleNotices } from '../procurement/notice-service.ts';
import { publishedNotices } from '../procurement/public-service.ts';
import { noticeReleasePackage } from '../procurement/domain/notice-release.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-schema.ts';

const NOTICE_SETTINGS = { ocidPrefix: 'ocds-hearth', publicUrl: 'http://localhost:3000' };
let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database.close());

test('the demo county loads once: a live DPS, a tiered framework in evaluation, a framework ready for award, 500 placements and a year of quality work', async () => {
  const { db } = database;
  const first = await loadDemoCounty(db);
  assert.equal(first.loaded, true);
  assert.equal((await loadDemoCounty(db)).loaded, false, 'never twice');
  assert.ok(await organisationByCode(db, 'demo-county'));

  const commissioner = await asUser(db, (await userByEmail(db, 'commissioner@demo-county.example'))!.id);
  const vehicles = (await listVehicles(db, commissioner, { search: undefined, page: 1, pageSize: 25 })).items;
  const byReference = new Map(vehicles.map((vehicle) => [vehicle.reference, vehicle]));
  assert.deepEqual([...byReference.keys()].sort(), [
    'WVCC-MH-FW-2025',
    'WVCC-SB-FW-2025-R2',
    'WVCC-SL-DM-2026',
    'WVCC-SL-DPS-2019',
    'WVCC-SL-FW-2026',
  ]);

  // Every notice due is published: the awarded framework's three, the dynamic market's establishment.
  const published = async (reference: string) =>
    (await vehicleNotices(db, commissioner, byReference.get(reference)!.id, NOTICE_SETTINGS)).notices
      .map((notice) => `${notice.kind} ${notice.published ? 'published' : 'due'}`)
      .sort();
  assert.deepEqual(await published('WVCC-MH-FW-2025'), ['UK4 published', 'UK6 published', 'UK7 published']);
  assert.deepEqual(await published('WVCC-SL-DM-2026'), ['UK14 published']);
  assert.deepEqual(await published('WVCC-SL-FW-2026'), ['UK4 published']);
  assert.deepEqual(await published('WVCC-SL-DPS-2019'), ['PCR-CAN published', 'PCR-CN published']);

  // Every notice the demo published is valid OCDS with the extensions it declares.
  const releases = (await publishedNotices(db, { organisationId: commissioner.organisationId!, limit: 100 })).map(
    (row) => row.release,
  );
  assert.equal(releases.length, 8);
  assert.deepEqual(
    ocdsPackageErrors(
      noticeReleasePackage(releases, { uri: 'https://example.test', publishedAt: new Date(), publisher: 'Demo' }),
    ),
    [],
  );

  const dps = await awardView(db, commissioner, byReference.get('WVCC-SL-DPS-2019')!.id);
  assert.equal(dps.summary.vehicle.vehicle.status, 'live');
  assert.equal(dps.summary.vehicle.lots.length, 9);
  assert.equal(new Set(dps.memberships.map((m) => m.providerId)).size, 8, 'eight admitted providers');
  assert.ok(dps.memberships.every((m) => m.status === 'active'));

  const framework = byReference.get('WVCC-SL-FW-2026')!;
  assert.equal(framework.status, 'evaluation');
  const summary = await evaluationSummary(db, commissioner, framework.id);
  const stages = summary.rows
    .map((row) => (row.progress.state === 'at' ? row.progress.stage : row.progress.state))
    .sort();
  assert.deepEqual(stages, [
    'award',
    'award',
    'award',
    'award',
    'award',
    'award',
    'award',
    'excluded',
    'quality',
    'quality',
    'selection',
  ]);
  const proposal = await tierProposal(db, commissioner, framework.id);
  assert.equal(proposal.confirmed, null, 'a tier allocation waiting to be confirmed');
  assert.ok(proposal.results['coverage-then-score'].placesFilled > 0);

  const respite = await awardView(db, commissioner, byReference.get('WVCC-SB-FW-2025-R2')!.id);
  assert.equal(respite.blocker, null, 'ready for award');
  assert.equal(respite.outcomes.length, 4);

  const brokerage = await asUser(db, (await userByEmail(db, 'brokerage@demo-county.example'))!.id);
  const today = isoDateInLondon(new Date());
  const placed = await placementsSummary(db, brokerage, today);
  assert.equal(placed.placements, 500);
  assert.equal(placed.outOfCounty, 83, 'a sixth out of county');
  assert.equal(placed.byPaymentRoute.directPayment.placements, 83, 'a sixth on direct payments');
  assert.ok(placed.offFramework.placements >= 83);
  assert.ok(
    placed.annualGrossCostPence > 20_000_000_00,
    `about £${Math.round(placed.annualGrossCostPence / 100_000_000)}m a year`,
  );
  const vacancies = await vacancyList(db, brokerage);
  assert.ok(
    vacancies.some((vacancy) => vacancy.expectedReadyOn !== null),
    'pipeline properties',
  );
  assert.ok(vacancies.filter((vacancy) => vacancy.expectedReadyOn === null).length >= 10, 'voids');
  assert.ok(new Set(vacancies.map((vacancy) => vacancy.zoneName)).size === 3);
  const waiting = (
    await listReferrals(db, brokerage, { filter: { status: 'all' }, sort: REFERRAL_ORDER, page: 1, pageSize: 25 })
  ).items
    .map((item) => item.status)
    .sort();
  assert.deepEqual(waiting, ['needs-off-framework', 'new', 'off-framework-requested', 'offering', 'offering']);
  assert.equal((await listEmbargoes(db, brokerage)).filter((embargo) => !embargo.liftedOn).length, 1);

  const quality = await asUser(db, (await userByEmail(db, 'quality@demo-county.example'))!.id);
  const schedule = await scheduleSummary(db, quality);
  assert.ok(schedule.overdue >= 3 && schedule.overdue <= 8, `several overdue: ${schedule.overdue}`);
  assert.ok(schedule.done > schedule.overdue + schedule.due, 'most assessed within the year');
  const provider = await asUser(db, (await userByEmail(db, 'provider3@demo-provider.example'))!.id);
  assert.ok((await listSchemes(db, provider)).length > 0, 'the demo provider sign-in runs schemes');
  const sentToProvider = await assessmentList(db, provider, { page: 1, pageSize: 25 });
  assert.ok(
    sentToProvider.items.some((row) => row.assessment.status === 'factual-accuracy'),
    'the demo provider has a draft to check',
  );
  const overdueActions = await actionList(db, quality, {
    filter: { overdue: 'yes' },
    sort: { key: 'due', direction: 'asc' },
    page: 1,
    pageSize: 25,
  });
  assert.ok(overdueActions.total >= 6, 'open action plans with overdue actions');

  const log = await intelligenceList(db, quality, {
    filter: { search: undefined },
    sort: { key: 'occurred', direction: 'desc' },
    page: 1,
    pageSize: 25,
  });
  assert.ok(log.total >= 55 && log.total <= 65, `about sixty intelligence entries: ${log.total}`);
  const surveyed = (await surveyResultsFor(db, quality)).providers;
  assert.ok(surveyed.filter((group) => group.results.shown).length >= 3, 'survey results shown for three providers');
  assert.ok(
    surveyed.some((group) => !group.results.shown),
    'and hidden, below five responses, for others',
  );
  const inForce = (
    await contractActionList(db, quality, { filter: { inForce: 'yes' }, sort: ACTION_ORDER, page: 1, pageSize: 25 })
  ).items;
  assert.deepEqual(inForce.map((action) => action.kind).sort(), ['default-notice', 'embargo', 'special-measures']);
  const embargo = inForce.find((action) => action.kind === 'embargo')!;
  assert.ok(
    (await listEmbargoes(db, brokerage)).some((placed) => placed.id === embargo.embargoId && !placed.liftedOn),
    'the embargo action’s embargo is in force in brokerage',
  );
  const plans = await transitionPlans(db, quality);
  assert.equal(plans.length, 1);
  const plan = await transitionPlanFor(db, quality, plans[0]!.id);
  assert.equal(plan.cause, 'left-framework');
  assert.equal(plan.vehicleId, framework.id);
  assert.ok(plan.moves.length > 0 && plan.moves.every((move) => move.movedOn === null), 'its schemes to move');

  const audit = await verifyAuditTrail(db);
  assert.equal(audit.broken, undefined);
  console.log(`demo county loaded in ${first.seconds!.toFixed(1)} s with ${audit.events} audit events`);
});

/** "/vehicles/3f2…/award" as "/vehicles/:id/award": one of each kind of page is enough. */
const shapeOf = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');

/** The links a page offers in its navigation and main content, to Hearth's own pages (no downloads). */
function linksOn(html: string): string[] {
  const offered = html.slice(html.indexOf('<header'), html.indexOf('</main>'));
  return [...offered.matchAll(/href="(\/[^"#]*)"/g)]
    .map((found) => found[1]!.replace(/&amp;/g, '&').split('?')[0]!)
    .filter((path) => !/^\/(api|static|govuk|assets)\//.test(path) && !/\.(csv|xlsx|json)$/.test(path));
}

test('each person of the demo county can open every kind of page their pages link to', async () => {
  const app = await buildApp({
    database,
    config: { trustProxy: false, logLevel: 'error', ocidPrefix: 'ocds-hearth', oidc: undefined },
    logger: false,
  });
  try {
    const broken: string[] = [];
    let opened = 0;
    for (const user of DEMO_USERS) {
      const session = new PageSession(app);
      assert.equal((await session.signIn(user.email, DEMO_PASSWORD)).statusCode, 302, user.email);
      const seen = new Set<string>();
      const queue: { path: string; from: string }[] = [{ path: '/', from: 'signing in' }];
      // Breadth first, one page of each kind, at most 60 kinds each: every page a link leads to opens.
      while (queue.length > 0 && seen.size < 60) {
        const { path, from } = queue.shift()!;
        if (seen.has(shapeOf(path))) continue;
        seen.add(shapeOf(path));
        const response = await session.get(path);
        opened += 1;
        if (response.statusCode !== 200)
          broken.push(`${user.email}: ${path} answered ${response.statusCode} (from ${from})`);
        else queue.push(...linksOn(response.body).map((link) => ({ path: link, from: path })));
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(opened > 200, `${opened} pages opened`);
  } finally {
    await app.close();
  }
});
