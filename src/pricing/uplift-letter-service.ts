// Uplift letters: one to each provider on an approved uplift, kept as it was sent. A provider
// reads its own, from every organisation; the organisation's staff who read uplifts read theirs;
// anyone else is told there is no such letter. The page, the PDF and the API all ask here.
import type { Db } from '../platform/db/client.ts';
import { hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { providerNames } from '../providers/service.ts';
import { vehicleMarket } from '../procurement/market-service.ts';
import {
  describeMethod,
  explainUplift,
  factorBasisPoints,
  METHOD_NAMES,
  upliftFactor,
  type UpliftBasis,
  type UpliftMethod,
} from './domain/uplift.ts';
import * as repository from './uplift-repository.ts';
import type { LetterContent } from './uplift-schema.ts';
import { basisOf, factsOf, UPLIFT_READERS, upliftName } from './uplift-service.ts';

export interface LetterSummary {
  id: string;
  upliftId: string;
  name: string;
  organisationName: string;
  vehicleName: string;
  providerName: string;
  effectiveFrom: string;
  sentOn: Date;
}

export interface LetterView extends LetterSummary {
  content: LetterContent;
  basis: UpliftBasis;
  methodName: string;
  methodDescription: string;
  basisPoints: number;
  explanation: string[];
  decisionReference: string;
}

async function describeLetters(db: Db, rows: repository.LetterRow[]): Promise<LetterView[]> {
  const organisations = await organisationsByIds(db, [...new Set(rows.map((row) => row.organisationId))]);
  const providers = await providerNames(db, [...new Set(rows.map((row) => row.providerId))]);
  return Promise.all(
    rows.map(async (row) => {
      const uplift = (await repository.upliftById(db, row.organisationId, row.upliftId))!;
      const market = await vehicleMarket(db, row.organisationId, uplift.vehicleId);
      const basis = basisOf(uplift);
      const method = uplift.method as UpliftMethod;
      return {
        id: row.id,
        upliftId: row.upliftId,
        name: upliftName(uplift.effectiveFrom),
        organisationName: organisations.get(row.organisationId)?.name ?? '',
        vehicleName: market?.name ?? '',
        providerName: providers.get(row.providerId) ?? '',
        effectiveFrom: uplift.effectiveFrom,
        sentOn: row.createdAt,
        content: row.content,
        basis,
        methodName: METHOD_NAMES[method](basis),
        methodDescription: describeMethod(method, basis),
        basisPoints: factorBasisPoints(upliftFactor(method, basis)),
        explanation: explainUplift(factsOf(uplift)),
        decisionReference: uplift.decisionReference ?? '',
      };
    }),
  );
}

const isProvider = (viewer: CurrentUser) => viewer.providerId !== null && hasRole(viewer, 'provider_user');

/** A provider's own letters, from every organisation; the organisation's letters for its staff who read uplifts. */
export async function listLetters(db: Db, viewer: CurrentUser): Promise<LetterSummary[]> {
  const rows = isProvider(viewer)
    ? await repository.lettersOfProvider(db, viewer.providerId!)
    : await repository.lettersOf(db, staffOrganisation(viewer, UPLIFT_READERS));
  return (await describeLetters(db, rows)).map(
    ({ id, upliftId, name, organisationName, vehicleName, providerName, effectiveFrom, sentOn }) => ({
      id,
      upliftId,
      name,
      organisationName,
      vehicleName,
      providerName,
      effectiveFrom,
      sentOn,
    }),
  );
}

/** One letter: its provider's users, and the organisation's staff who read uplifts; anyone else 404. */
export async function getLetter(db: Db, viewer: CurrentUser, id: string): Promise<LetterView> {
  const row = isUuid(id) ? await repository.letterById(db, id) : undefined;
  const sees =
    row &&
    (isProvider(viewer)
      ? row.providerId === viewer.providerId
      : viewer.organisationId === row.organisationId && hasRole(viewer, ...UPLIFT_READERS));
  if (!sees) throw new NotFoundError();
  return (await describeLetters(db, [row]))[0]!;
}
