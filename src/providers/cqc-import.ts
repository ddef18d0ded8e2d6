// Imports CQC's published files into the registry: the care directory CSV, the locations-with-
// ratings CSV, or a set of CQC API responses. Idempotent: a record changes only where the file says
// something different, and a second import of the same file reports everything unchanged.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { providersChanged } from '../platform/changes.ts';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type Actor, type AuditEntry } from '../platform/audit/service.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { localAuthorityIndex } from '../platform/reference/reference-data.ts';
import { apiResponseFacts } from './domain/cqc-api-response.ts';
import { careDirectoryRowFacts, detectCsvFormat, ratingsRowFacts } from './domain/cqc-exports.ts';
import { NO_ADDRESS, type LocationFacts, type ProviderFacts } from './domain/cqc-records.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { ImportBatch, type Rejection } from './domain/import-batch.ts';
import * as repository from './repository.ts';

export interface ImportFile {
  name: string;
  content: Buffer;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary extends Counts {
  rejected: Rejection[];
  format: 'care-directory' | 'ratings' | 'api';
  providers: Counts;
  locations: Counts;
}

export type ImportProgress = (done: number, total: number) => void;

const BATCH_SIZE = 5000;

/** A local authority's GSS code from the name CQC gives it. */
const resolveLa = (name: string) => localAuthorityIndex().codeForName(name);

function readCsv(file: ImportFile, batch: ImportBatch): ImportSummary['format'] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(file.content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new ValidationError([
      { field: 'file', message: `${file.name} is not a CSV file Hearth can read: ${(error as Error).message}` },
    ]);
  }
  const header = records[0]?.record;
  if (!header) throw new ValidationError([{ field: 'file', message: `${file.name} is empty` }]);
  const format = detectCsvFormat(header);
  if (typeof format === 'object') throw new ValidationError([{ field: 'file', message: format.unknown }]);
  const parseRow = format === 'ratings' ? ratingsRowFacts : careDirectoryRowFacts;
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length) {
      batch.add({ ok: false, reason: `has ${record.length} columns; the header has ${header.length}` }, info.lines);
      continue;
    }
    const row = Object.fromEntries(header.map((column, i) => [column.trim(), record[i]]));
    batch.add(parseRow(row, resolveLa), info.lines);
  }
  return format;
}

function readApiResponses(files: readonly ImportFile[], batch: ImportBatch): void {
  for (const file of files) {
    let response: unknown;
    try {
      response = JSON.parse(file.content.toString('utf8'));
    } catch (error) {
      batch.add({ ok: false, reason: `not valid JSON: ${(error as Error).message}` }, 1, file.name);
      continue;
    }
    batch.add(apiResponseFacts(response, resolveLa), 1, file.name);
  }
}

const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One record's outcome, counted and audited: a new row, a changed row, or nothing to write. */
function reconcile<Row extends { id: string }>(
  recordType: string,
  current: Row | undefined,
  fields: Record<string, unknown>,
  rows: { created(): Row; updated(current: Row): Row },
  counts: Counts,
  audit: AuditEntry[],
): Row | undefined {
  if (!current) {
    const row = rows.created();
    counts.created += 1;
    audit.push({ action: `${recordType}.create`, recordType, recordId: row.id, after: fields });
    return row;
  }
  const changed = changedFields(current, fields);
  if (changed.length === 0) {
    counts.unchanged += 1;
    return undefined;
  }
  counts.updated += 1;
  audit.push({
    action: `${recordType}.update`,
    recordType,
    recordId: current.id,
    before: pick(current, changed),
    after: pick(fields, changed),
  });
  return rows.updated(current);
}

async function importProviders(
  db: Db,
  facts: ProviderFacts[],
  now: Date,
  counts: Counts,
  audit: AuditEntry[],
): Promise<void> {
  const existing = new Map(
    (
      await repository.providersByCqcIds(
        db,
        facts.map((f) => f.cqcProviderId),
      )
    ).map((row) => [row.cqcProviderId!, row]),
  );
  const writes: repository.ProviderRow[] = [];
  for (const { cqcProviderId, fields } of facts) {
    const current = existing.get(cqcProviderId);
    // A location response names only its provider's id, and a provider is added once a file gives its name.
    if (Object.keys(fields).length === 0 || (!current && !fields.name)) continue;
    const row = reconcile(
      'provider',
      current,
      fields,
      {
        created: () => ({
          id: randomUUID(),
          name: fields.name!,
          companiesHouseNumber: null,
          cqcProviderId,
          ownershipType: null,
          isSme: false,
          isVcse: false,
          ...NO_ADDRESS,
          website: null,
          email: null,
          registrationStatus: null,
          createdAt: now,
          updatedAt: now,
          ...fields,
        }),
        updated: (old) => ({ ...old, ...fields, updatedAt: now }),
      },
      counts,
      audit,
    );
    if (row) writes.push(row);
  }
  await repository.upsertProviders(db, writes);
}

async function importLocations(
  db: Db,
  facts: LocationFacts[],
  now: Date,
  counts: Counts,
  audit: AuditEntry[],
): Promise<void> {
  // One read after the other: the import runs in one transaction, one connection.
  const existingRows = await repository.locationsByCqcIds(
    db,
    facts.map((f) => f.cqcLocationId),
  );
  const providerRows = await repository.providersByCqcIds(db, [...new Set(facts.map((f) => f.fields.cqcProviderId))]);
  const existing = new Map(existingRows.map((row) => [row.cqcLocationId!, row]));
  const providerIds = new Map(providerRows.map((row) => [row.cqcProviderId!, row.id]));
  const writes: repository.LocationRow[] = [];
  for (const { cqcLocationId, fields } of facts) {
    const providerId = providerIds.get(fields.cqcProviderId) ?? null;
    const row = reconcile(
      'provider-location',
      existing.get(cqcLocationId),
      fields,
      {
        created: () => ({
          id: randomUUID(),
          providerId,
          cqcLocationId,
          ...NO_ADDRESS,
          localAuthority: null,
          localAuthorityCode: null,
          region: null,
          registeredManager: null,
          registeredManagerAbsentSince: null,
          registrationStatus: null,
          registrationDate: null,
          deregistrationDate: null,
          dormant: null,
          serviceTypes: [],
          specialisms: [],
          overallRating: null,
          safeRating: null,
          effectiveRating: null,
          caringRating: null,
          responsiveRating: null,
          wellLedRating: null,
          ratingPublishedOn: null,
          createdAt: now,
          updatedAt: now,
          ...fields,
        }),
        updated: (old) => ({ ...old, ...fields, providerId: providerId ?? old.providerId, updatedAt: now }),
      },
      counts,
      audit,
    );
    if (row) writes.push(row);
  }
  await repository.upsertLocations(db, writes);
  // What is worked out from a location's rating (a service's risk) changes with it, in every organisation.
  const changed = new Set(writes.flatMap((row) => (row.providerId ? [row.providerId] : [])));
  await providersChanged(db, { organisationId: null, providerIds: [...changed] });
}

/** Imports one CSV, or any number of API JSON responses. */
export async function importCqcFiles(
  db: Db,
  actor: Actor,
  files: readonly ImportFile[],
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  if (files.length === 0) throw new ValidationError([{ field: 'file', message: 'Choose a CQC file to import' }]);
  const batch = new ImportBatch();
  const isJson = files.every((file) => file.name.toLowerCase().endsWith('.json'));
  if (!isJson && files.length > 1) {
    throw new ValidationError([
      { field: 'file', message: 'Import one CSV file at a time, or any number of CQC API .json files' },
    ]);
  }
  const format = isJson ? (readApiResponses(files, batch), 'api' as const) : readCsv(files[0]!, batch);
  const reason = `CQC import of ${files.length === 1 ? files[0]!.name : `${files.length} API responses`}`;

  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: batch.rejected,
    format,
    providers: zero(),
    locations: zero(),
  };
  const total = batch.providers.size + batch.locations.size;
  let done = 0;
  onProgress?.(0, total);
  const steps = [
    ...chunks([...batch.providers.values()], BATCH_SIZE).map((facts) => ({
      facts,
      run: importProviders,
      counts: summary.providers,
    })),
    ...chunks([...batch.locations.values()], BATCH_SIZE).map((facts) => ({
      facts,
      run: importLocations,
      counts: summary.locations,
    })),
  ] as {
    facts: unknown[];
    run: (db: Db, facts: unknown[], now: Date, counts: Counts, audit: AuditEntry[]) => Promise<void>;
    counts: Counts;
  }[];
  for (const step of steps) {
    await db.transaction(async (tx) => {
      const audit: AuditEntry[] = [];
      await step.run(tx, step.facts, new Date(), step.counts, audit);
      await recordAudit(
        tx,
        actor,
        audit.map((entry) => ({ ...entry, reason })),
      );
    });
    done += step.facts.length;
    onProgress?.(done, total);
  }

  await db.transaction(async (tx) => {
    await repository.linkWaitingLocations(tx);
    for (const key of ['created', 'updated', 'unchanged'] as const)
      summary[key] = summary.providers[key] + summary.locations[key];
    await recordAudit(tx, actor, [
      {
        action: 'cqc.import',
        recordType: 'import',
        recordId: randomUUID(),
        reason,
        after: {
          format,
          providers: summary.providers,
          locations: summary.locations,
          rejected: summary.rejected.length,
          firstRejected: summary.rejected.slice(0, 50),
        },
      },
    ]);
  });
  return summary;
}
