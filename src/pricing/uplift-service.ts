// Uplifts: a proposal for a vehicle's rate cards from a date, worked out three ways side by side
// with their annual cost on today's placements; a commissioner's approval (with the decision's
// reference) creates the new rate cards, reprices the placements priced from a rate card from
// that date through brokerage, and writes a letter to each provider. Who sees what is decided
// here, for pages, the API and the PDF alike.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, longDate, MONTH_NAMES } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { parseOrThrow, parseOrThrowWith } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import { getVehicle } from '../procurement/service.ts';
import { vehicleMarket } from '../procurement/market-service.ts';
import { listVehicles } from '../procurement/vehicle-list-service.ts';
import { annualPence, cardInForce } from '../brokerage/domain/prices.ts';
import { createRateCardsFrom, rateCards } from '../brokerage/price-service.ts';
import { applyRepricing, planRepricing, type NewCard, type RepricePlan } from '../brokerage/reprice-service.ts';
import { livingWageOn } from './domain/living-wage.ts';
import {
  describeMethod,
  explainUplift,
  factorBasisPoints,
  METHOD_NAMES,
  methodsOf,
  upliftBasisProblems,
  upliftFactor,
  upliftRates,
  type UpliftBasis,
  type UpliftLine,
  type UpliftMethod,
  type PriceIndex,
} from './domain/uplift.ts';
import { staffShareOfCost } from './exercise-service.ts';
import { livingWageRates } from './living-wage.ts';
import { approvalInput, staffShareProblems, upliftInput } from './uplift-input.ts';
import * as repository from './uplift-repository.ts';
import type { LetterContent, UpliftCard } from './uplift-schema.ts';

export const UPLIFT_RUNNERS: readonly Role[] = ['finance_officer', 'commissioner'];
export const UPLIFT_READERS: readonly Role[] = [...UPLIFT_RUNNERS, 'auditor'];
export const UPLIFT_APPROVERS: readonly Role[] = ['commissioner'];
export const LETTER_READERS: readonly Role[] = [...UPLIFT_READERS, 'provider_user'];

const ALL_LOTS = 'Every lot';

/** A vehicle's cards in force the day before the uplift, one for each lot with its own and one for the rest. */
async function cardsBefore(db: Db, viewer: CurrentUser, vehicleId: string, effectiveFrom: string) {
  const cards = await rateCards(db, viewer, vehicleId);
  const lots = [...new Set(cards.map((card) => card.lotId))];
  return lots.flatMap((lotId) => {
    const card = cardInForce(
      cards.filter((one) => one.lotId === lotId),
      addDays(effectiveFrom, -1),
    );
    return card ? [card] : [];
  });
}

export const basisOf = (row: repository.UpliftRow): UpliftBasis => ({
  staffShareBasisPoints: row.staffShareBasisPoints,
  nlwBeforePence: row.nlwBeforePence,
  nlwAfterPence: row.nlwAfterPence,
  index: row.priceIndex as PriceIndex,
  indexBasisPoints: row.indexBasisPoints,
  flatBasisPoints: row.flatBasisPoints,
});

export const factsOf = (row: repository.UpliftRow) => ({
  method: row.method as UpliftMethod,
  basis: basisOf(row),
  effectiveFrom: row.effectiveFrom,
  staffShareSource: row.staffShareSource,
  indexMonth: row.indexMonth,
  indexSource: row.indexSource,
});

/** "April 2026 uplift". */
export const upliftName = (effectiveFrom: string) =>
  `${MONTH_NAMES[Number(effectiveFrom.slice(5, 7)) - 1]} ${effectiveFrom.slice(0, 4)} uplift`;

export interface CardLines {
  lotTitle: string;
  lines: UpliftLine[];
}

export interface Alternative {
  method: UpliftMethod;
  name: string;
  description: string;
  basisPoints: number;
  cards: CardLines[];
  /** Today's placements priced from a rate card, on today's price and on the new rates. */
  placements: number;
  annualBeforePence: number;
  annualAfterPence: number;
  annualChangePence: number;
}

export interface UpliftView {
  id: string;
  name: string;
  vehicleId: string;
  vehicleName: string;
  effectiveFrom: string;
  status: 'proposed' | 'approved';
  basis: UpliftBasis;
  staffShareSource: string;
  exerciseId: string | null;
  indexMonth: string;
  indexSource: string;
  method: UpliftMethod;
  methodName: string;
  methodDescription: string;
  /** How the method proposed (or approved) works out, in sentences. */
  explanation: string[];
  decisionReference: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  /** Each method worked out, while proposed. */
  alternatives: Alternative[];
  /** The approved cards, old beside new. */
  approvedCards: CardLines[];
  letters: { id: string; providerName: string }[];
  /** Once approved: the placements repriced, and those at an agreed price left as they were. */
  repriced: number;
  notRepriced: number;
}

export interface UpliftSummary {
  id: string;
  name: string;
  vehicleName: string;
  effectiveFrom: string;
  status: 'proposed' | 'approved';
  methodName: string;
  basisPoints: number;
  decisionReference: string | null;
}

/** The vehicles the organisation leads, by id and name (a county has a handful). */
async function ownVehicles(db: Db, viewer: CurrentUser, organisationId: string) {
  const page = await listVehicles(db, viewer, { search: undefined, page: 1, pageSize: 100 });
  return page.items.filter((row) => row.organisationId === organisationId);
}

/** The organisation's vehicles, to choose one to uplift. */
export async function vehicleChoices(db: Db, viewer: CurrentUser): Promise<{ value: string; text: string }[]> {
  const organisationId = staffOrganisation(viewer, UPLIFT_RUNNERS);
  return (await ownVehicles(db, viewer, organisationId)).map((row) => ({ value: row.id, text: row.name }));
}

export async function listUplifts(db: Db, viewer: CurrentUser): Promise<UpliftSummary[]> {
  const organisationId = staffOrganisation(viewer, UPLIFT_READERS);
  const [rows, vehicles] = await Promise.all([
    repository.upliftsOf(db, organisationId),
    ownVehicles(db, viewer, organisationId),
  ]);
  const names = new Map(vehicles.map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    id: row.id,
    name: upliftName(row.effectiveFrom),
    vehicleName: names.get(row.vehicleId) ?? '',
    effectiveFrom: row.effectiveFrom,
    status: row.status as 'proposed' | 'approved',
    methodName: METHOD_NAMES[row.method as UpliftMethod](basisOf(row)),
    basisPoints: factorBasisPoints(upliftFactor(row.method as UpliftMethod, basisOf(row))),
    decisionReference: row.decisionReference,
  }));
}

/** A proposal's figures checked and gathered: every problem at once, by field. */
async function proposalFrom(db: Db, viewer: CurrentUser, raw: unknown) {
  const input = parseOrThrowWith(upliftInput, raw, staffShareProblems(raw));
  const organisationId = staffOrganisation(viewer, UPLIFT_RUNNERS);
  const problems: FieldError[] = [];
  const vehicle = await getVehicle(db, viewer, input.vehicleId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!vehicle || vehicle.vehicle.organisationId !== organisationId)
    throw new ValidationError([{ field: 'vehicleId', message: 'Choose a vehicle your organisation leads' }]);
  const cards = await cardsBefore(db, viewer, vehicle.vehicle.id, input.effectiveFrom);
  if (cards.length === 0)
    problems.push({
      field: 'effectiveFrom',
      message: `The vehicle has no rate card in force before ${longDate(input.effectiveFrom)} to uplift`,
    });
  const rates = livingWageRates();
  const before = livingWageOn(rates, addDays(input.effectiveFrom, -1));
  const after = livingWageOn(rates, input.effectiveFrom);
  if (!before || !after)
    problems.push({ field: 'effectiveFrom', message: 'Hearth has no National Living Wage rate for that date' });
  let staffShare = { basisPoints: input.staffSharePercent ?? 0, source: 'Entered by hand' };
  if (input.staffShareFrom === 'exercise') {
    const share = await staffShareOfCost(db, viewer, input.exerciseId!).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (share === null) problems.push({ field: 'exerciseId', message: 'Choose an exercise of your organisation' });
    else if (share === undefined)
      problems.push({
        field: 'exerciseId',
        message: 'The exercise has fewer than five workbooks to take a staff share from',
      });
    else staffShare = { basisPoints: share.staffShareBasisPoints, source: share.explanation };
  }
  const basis: UpliftBasis = {
    staffShareBasisPoints: staffShare.basisPoints,
    nlwBeforePence: before?.pence ?? 0,
    nlwAfterPence: after?.pence ?? 0,
    index: input.priceIndex,
    indexBasisPoints: input.indexPercent,
    flatBasisPoints: input.flatPercent ?? null,
  };
  if (before && after) problems.push(...upliftBasisProblems(basis));
  if (input.method === 'flat' && basis.flatBasisPoints === null)
    problems.push({ field: 'flatPercent', message: 'Enter the flat percentage to propose a flat rise' });
  if (problems.length > 0) throw new ValidationError(problems);
  return { organisationId, input, vehicle, basis, staffShare };
}

export async function proposeUplift(db: Db, viewer: CurrentUser, raw: unknown): Promise<UpliftView> {
  const { organisationId, input, basis, staffShare } = await proposalFrom(db, viewer, raw);
  const row: repository.UpliftRow = {
    organisationId,
    id: randomUUID(),
    vehicleId: input.vehicleId,
    effectiveFrom: input.effectiveFrom,
    status: 'proposed',
    staffShareBasisPoints: basis.staffShareBasisPoints,
    exerciseId: input.staffShareFrom === 'exercise' ? input.exerciseId! : null,
    staffShareSource: staffShare.source,
    nlwBeforePence: basis.nlwBeforePence,
    nlwAfterPence: basis.nlwAfterPence,
    priceIndex: basis.index,
    indexBasisPoints: basis.indexBasisPoints,
    indexMonth: input.indexMonth,
    indexSource: input.indexSource,
    flatBasisPoints: basis.flatBasisPoints,
    method: input.method,
    decisionReference: null,
    cards: null,
    approvedAt: null,
    approvedBy: null,
    createdAt: new Date(),
    createdBy: viewer.id,
  };
  await db.transaction(async (tx) => {
    await repository.insertUplift(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'uplift.propose',
        recordType: 'vehicle',
        recordId: row.vehicleId,
        after: { upliftId: row.id, effectiveFrom: row.effectiveFrom, method: row.method, basis },
      },
    ]);
  });
  return getUplift(db, viewer, row.id);
}

async function upliftRow(db: Db, viewer: CurrentUser, id: string, roles = UPLIFT_READERS) {
  const organisationId = staffOrganisation(viewer, roles);
  const row = isUuid(id) ? await repository.upliftById(db, organisationId, id) : undefined;
  if (!row) throw new NotFoundError();
  return row;
}

function lotTitles(vehicle: Awaited<ReturnType<typeof getVehicle>>): (lotId: string | null) => string {
  const titles = new Map(vehicle.lots.map((lot) => [lot.id, lot.title]));
  return (lotId) => (lotId === null ? ALL_LOTS : (titles.get(lotId) ?? 'A lot'));
}

/** Each method's cards and annual cost on today's placements priced from a rate card. */
async function alternativesOf(db: Db, viewer: CurrentUser, row: repository.UpliftRow): Promise<Alternative[]> {
  const basis = basisOf(row);
  const vehicle = await getVehicle(db, viewer, row.vehicleId);
  const title = lotTitles(vehicle);
  const cards = await cardsBefore(db, viewer, row.vehicleId, row.effectiveFrom);
  const today = isoDateInLondon(new Date());
  return Promise.all(
    methodsOf(basis).map(async (method) => {
      const factor = upliftFactor(method, basis);
      const raised = cards.map((card) => ({ lotId: card.lotId, ...upliftRates(card.rates, factor) }));
      const plan = await planRepricing(db, viewer, row.vehicleId, today, raised, UPLIFT_READERS);
      const running = plan.repriced.filter((one) => one.from === today);
      const annualBeforePence = running.reduce((sum, one) => sum + annualPence(one.beforePence), 0);
      const annualAfterPence = running.reduce((sum, one) => sum + one.after.annualPence, 0);
      return {
        method,
        name: METHOD_NAMES[method](basis),
        description: describeMethod(method, basis),
        basisPoints: factorBasisPoints(factor),
        cards: raised.map((card) => ({ lotTitle: title(card.lotId), lines: card.lines })),
        placements: running.length,
        annualBeforePence,
        annualAfterPence,
        annualChangePence: annualAfterPence - annualBeforePence,
      };
    }),
  );
}

export async function getUplift(db: Db, viewer: CurrentUser, id: string): Promise<UpliftView> {
  const row = await upliftRow(db, viewer, id);
  const basis = basisOf(row);
  const method = row.method as UpliftMethod;
  const vehicle = await getVehicle(db, viewer, row.vehicleId);
  const title = lotTitles(vehicle);
  const letters = await repository.lettersOf(db, row.organisationId, row.id);
  const names = await providerNames(
    db,
    letters.map((letter) => letter.providerId),
  );
  return {
    id: row.id,
    name: upliftName(row.effectiveFrom),
    vehicleId: row.vehicleId,
    vehicleName: vehicle.vehicle.name,
    effectiveFrom: row.effectiveFrom,
    status: row.status as 'proposed' | 'approved',
    basis,
    staffShareSource: row.staffShareSource,
    exerciseId: row.exerciseId,
    indexMonth: row.indexMonth,
    indexSource: row.indexSource,
    method,
    methodName: METHOD_NAMES[method](basis),
    methodDescription: describeMethod(method, basis),
    explanation: explainUplift(factsOf(row)),
    decisionReference: row.decisionReference,
    approvedAt: row.approvedAt,
    createdAt: row.createdAt,
    alternatives: row.status === 'proposed' ? await alternativesOf(db, viewer, row) : [],
    approvedCards: (row.cards ?? []).map((card) => ({
      lotTitle: title(card.lotId),
      lines: upliftRates(card.before, upliftFactor(method, basis)).lines,
    })),
    repriced: letters.reduce((sum, letter) => sum + letter.content.placements.length, 0),
    notRepriced: letters.reduce((sum, letter) => sum + letter.content.notRepriced.length, 0),
    letters: letters
      .map((letter) => ({ id: letter.id, providerName: names.get(letter.providerId) ?? '' }))
      .sort((a, b) => a.providerName.localeCompare(b.providerName)),
  };
}

export interface ApprovalCheck {
  uplift: UpliftView;
  alternative: Alternative;
  decisionReference: string;
  /** Placements running on or after the date: repriced, or at an agreed price and left as they are. */
  repriced: number;
  notRepriced: number;
  providers: number;
}

/** What approving would do, for the check page: nothing is saved. */
export async function checkApproval(db: Db, viewer: CurrentUser, id: string, raw: unknown): Promise<ApprovalCheck> {
  const input = parseOrThrow(approvalInput, raw);
  const row = await upliftRow(db, viewer, id, UPLIFT_APPROVERS);
  if (row.status !== 'proposed') throw new ConflictError('This uplift has already been approved');
  const uplift = await getUplift(db, viewer, id);
  const alternative = uplift.alternatives.find((one) => one.method === input.method);
  if (!alternative)
    throw new ValidationError([{ field: 'method', message: 'Choose one of the methods worked out for this uplift' }]);
  const cards = await cardsBefore(db, viewer, row.vehicleId, row.effectiveFrom);
  const factor = upliftFactor(input.method, uplift.basis);
  const plan = await planRepricing(
    db,
    viewer,
    row.vehicleId,
    row.effectiveFrom,
    cards.map((card) => ({ lotId: card.lotId, rates: upliftRates(card.rates, factor).rates })),
    UPLIFT_APPROVERS,
  );
  return {
    uplift,
    alternative,
    decisionReference: input.decisionReference,
    repriced: plan.repriced.length,
    notRepriced: plan.notRepriced.length,
    providers: (await providersOf(db, row, plan)).length,
  };
}

/** Who gets a letter: every provider with a membership of the vehicle, and any with a placement on it. */
async function providersOf(db: Db, row: repository.UpliftRow, plan: RepricePlan): Promise<string[]> {
  const market = await vehicleMarket(db, row.organisationId, row.vehicleId);
  return [
    ...new Set([
      ...(market?.memberships ?? []).filter((m) => m.status === 'active').map((m) => m.providerId),
      ...plan.repriced.map((one) => one.providerId),
      ...plan.notRepriced.map((one) => one.providerId),
    ]),
  ];
}

/**
 * Approves a proposal by one of its methods: the new rate cards from its date, every placement
 * priced from a rate card repriced from that date (each change recorded), and a letter to each
 * provider. All or nothing.
 */
export async function approveUplift(db: Db, viewer: CurrentUser, id: string, raw: unknown): Promise<UpliftView> {
  const input = parseOrThrow(approvalInput, raw);
  const row = await upliftRow(db, viewer, id, UPLIFT_APPROVERS);
  if (row.status !== 'proposed') throw new ConflictError('This uplift has already been approved');
  const basis = basisOf(row);
  if (!methodsOf(basis).includes(input.method))
    throw new ValidationError([{ field: 'method', message: 'Choose one of the methods worked out for this uplift' }]);
  const factor = upliftFactor(input.method, basis);
  const reason = `${upliftName(row.effectiveFrom)} (${input.decisionReference})`;
  const vehicle = await getVehicle(db, viewer, row.vehicleId);
  const title = lotTitles(vehicle);
  await db.transaction(async (tx) => {
    const before = await cardsBefore(tx, viewer, row.vehicleId, row.effectiveFrom);
    const raised = before.map((card) => ({ card, ...upliftRates(card.rates, factor) }));
    const created = await createRateCardsFrom(
      tx,
      viewer,
      row.vehicleId,
      row.effectiveFrom,
      raised.map((one) => ({ lotId: one.card.lotId, rates: one.rates })),
      reason,
    );
    const newCards: NewCard[] = created.map((card) => ({ lotId: card.lotId, rates: card.rates, id: card.id }));
    const plan = await planRepricing(tx, viewer, row.vehicleId, row.effectiveFrom, newCards, UPLIFT_APPROVERS);
    await applyRepricing(tx, viewer, plan, newCards, reason);
    const cards: UpliftCard[] = raised.map((one, index) => ({
      lotId: one.card.lotId,
      fromCardId: one.card.id,
      newCardId: created[index]!.id,
      before: one.card.rates,
      after: one.rates,
    }));
    const approved = await repository.markApproved(tx, row.organisationId, row.id, {
      method: input.method,
      decisionReference: input.decisionReference,
      cards,
      approvedAt: new Date(),
      approvedBy: viewer.id,
    });
    if (!approved) throw new ConflictError('This uplift has just been approved by someone else');
    const lines = raised.map((one) => ({ lotTitle: title(one.card.lotId), lines: one.lines }));
    const letters = (await providersOf(tx, row, plan)).map((providerId) => ({
      organisationId: row.organisationId,
      id: randomUUID(),
      upliftId: row.id,
      providerId,
      content: letterContent(lines, plan, providerId),
      createdAt: new Date(),
    }));
    await repository.insertLetters(tx, letters);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'uplift.approve',
        recordType: 'vehicle',
        recordId: row.vehicleId,
        after: {
          upliftId: row.id,
          effectiveFrom: row.effectiveFrom,
          method: input.method,
          decisionReference: input.decisionReference,
          newCardIds: created.map((card) => card.id),
          repriced: plan.repriced.length,
          notRepriced: plan.notRepriced.length,
          letters: letters.length,
        },
      },
    ]);
  });
  return getUplift(db, viewer, id);
}

function letterContent(lines: CardLines[], plan: RepricePlan, providerId: string): LetterContent {
  return {
    lines,
    placements: plan.repriced
      .filter((one) => one.providerId === providerId)
      .map((one) => ({
        reference: one.caseReference,
        beforePence: one.beforePence,
        afterPence: one.after.weeklyPence,
        from: one.from,
      })),
    notRepriced: plan.notRepriced
      .filter((one) => one.providerId === providerId)
      .map((one) => ({ reference: one.caseReference, weeklyPence: one.weeklyPence })),
  };
}
