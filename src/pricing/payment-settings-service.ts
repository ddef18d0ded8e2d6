// Payment settings: the organisation's kind of period, its cost centres and NHS partner, and the
// supplier reference the finance system knows each provider by.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { type PaymentRoute } from '../brokerage/domain/people.ts';
import { financialYearOf, type PeriodKind, yearLabel } from './domain/payment.ts';
import { settingsInput, supplierReferenceInput, type SettingsInput } from './payment-input.ts';
import * as repository from './payment-repository.ts';

/** Who generates and exports schedules. */
export const PAYMENT_RUNNERS: readonly Role[] = ['finance_officer', 'commissioner'];
/** Who reads them: the runners and auditors. */
export const PAYMENT_READERS: readonly Role[] = [...PAYMENT_RUNNERS, 'auditor'];

const today = () => isoDateInLondon(new Date());
const NO_COST_CENTRES: Record<PaymentRoute, string> = {
  commissioned: '',
  'direct-payment': '',
  'individual-service-fund': '',
};

export interface PaymentSettings {
  periodKind: PeriodKind;
  costCentres: Record<PaymentRoute, string>;
  nhsPartnerId: string | null;
  nhsPartnerName: string | null;
  /** Whether they were ever saved (four-weekly with no cost centres until they are). */
  saved: boolean;
}

export async function settingsFor(db: Db, organisationId: string): Promise<PaymentSettings> {
  // One after the other: `db` may be a transaction, whose one connection takes one statement at a time.
  const row = await repository.settingsOf(db, organisationId);
  const partners = await repository.nhsOrganisations(db);
  return {
    periodKind: (row?.periodKind as PeriodKind | undefined) ?? 'four-weekly',
    costCentres: { ...NO_COST_CENTRES, ...(row?.costCentres ?? {}) },
    nhsPartnerId: row?.nhsPartnerId ?? null,
    nhsPartnerName: partners.find((partner) => partner.id === row?.nhsPartnerId)?.name ?? null,
    saved: row !== undefined,
  };
}

export async function paymentSettings(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, PAYMENT_READERS);
  const [settings, partners] = await Promise.all([settingsFor(db, organisationId), repository.nhsOrganisations(db)]);
  return { ...settings, partners };
}

/** The organisation's periods and cost centres; the kind of period changes only before a schedule of the year is made. */
export async function saveSettings(db: Db, viewer: CurrentUser, input: SettingsInput): Promise<PaymentSettings> {
  const organisationId = staffOrganisation(viewer, PAYMENT_RUNNERS);
  const given = parseOrThrow(settingsInput, input);
  const problems: FieldError[] = [];
  if (given.nhsPartnerId && !(await repository.nhsOrganisations(db)).some((p) => p.id === given.nhsPartnerId))
    problems.push({ field: 'nhsPartnerId', message: 'Choose an NHS body' });
  await db.transaction(async (tx) => {
    const before = await settingsFor(tx, organisationId);
    const year = financialYearOf(today());
    if (before.periodKind !== given.periodKind) {
      const made = (await repository.schedulesOf(tx, organisationId)).filter((s) => s.year === year);
      if (made.length > 0)
        problems.push({
          field: 'periodKind',
          message: `Schedules of ${yearLabel(year)} are already made with ${before.periodKind} periods: the kind of period can change from next April`,
        });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    await repository.saveSettings(tx, {
      organisationId,
      periodKind: given.periodKind,
      costCentres: given.costCentres,
      nhsPartnerId: given.nhsPartnerId,
      updatedAt: new Date(),
      updatedBy: viewer.id,
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'payment-settings.save',
        recordType: 'payment-settings',
        recordId: organisationId,
        before: { periodKind: before.periodKind, costCentres: before.costCentres, nhsPartnerId: before.nhsPartnerId },
        after: given,
      },
    ]);
  });
  return settingsFor(db, organisationId);
}

/** The providers on the organisation's schedules with their supplier references (blank where none is set). */
export async function supplierReferences(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, PAYMENT_READERS);
  const [paid, references] = await Promise.all([
    repository.providersPaid(db, organisationId),
    repository.supplierReferencesOf(db, organisationId),
  ]);
  const byProvider = new Map(references.map((row) => [row.providerId, row.reference]));
  return paid.map((provider) => ({
    providerId: provider.id,
    providerName: provider.name,
    reference: byProvider.get(provider.id) ?? null,
  }));
}

/** Sets providers' supplier references, all or none: each must be a provider on the organisation's schedules. */
export async function setSupplierReferences(db: Db, viewer: CurrentUser, input: readonly unknown[]) {
  const organisationId = staffOrganisation(viewer, PAYMENT_RUNNERS);
  const providers = new Map((await supplierReferences(db, viewer)).map((row) => [row.providerId, row]));
  const problems: FieldError[] = [];
  const given = input.map((one) => {
    const parsed = supplierReferenceInput.safeParse(one);
    const providerId = (one as { providerId?: unknown })?.providerId;
    const field = typeof providerId === 'string' ? `reference-${providerId}` : 'providerId';
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((issue) => ({
          field: issue.path[0] === 'reference' ? field : 'providerId',
          message: issue.message,
        })),
      );
      return null;
    }
    if (!providers.has(parsed.data.providerId))
      problems.push({ field: 'providerId', message: 'Choose a provider on one of your schedules' });
    return parsed.data;
  });
  if (problems.length > 0) throw new ValidationError(problems);
  const saved = given.filter((row) => row !== null);
  await db.transaction(async (tx) => {
    const now = new Date();
    for (const row of saved)
      await repository.saveSupplierReference(tx, { organisationId, ...row, updatedAt: now, updatedBy: viewer.id });
    await recordAudit(
      tx,
      actorOf(viewer),
      saved.map((row) => ({
        action: 'supplier-reference.set',
        recordType: 'payment-settings',
        recordId: organisationId,
        before: { providerId: row.providerId, reference: providers.get(row.providerId)!.reference },
        after: row,
      })),
    );
  });
  return saved.map((row) => ({ ...providers.get(row.providerId)!, reference: row.reference }));
}

export async function setSupplierReference(db: Db, viewer: CurrentUser, input: unknown) {
  const [saved] = await setSupplierReferences(db, viewer, [input]);
  return saved;
}
