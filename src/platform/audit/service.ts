// The audit trail: every change of state appends an event, inside the same transaction as the change.
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Db, Tx } from '../db/client.ts';
import { checkLinks, GENESIS_HASH, linkHash, type BrokenLink } from '../domain/hash-chain.ts';
import { pageOf, type Page } from '../domain/pagination.ts';
import * as repository from './repository.ts';

/** Who made a change: a signed-in person, or an administrator's command-line tool. */
export interface Actor {
  userId: string | null;
  label: string;
  organisationId: string | null;
}

export const commandLineActor: Actor = { userId: null, label: 'command line', organisationId: null };

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string;
  /** The organisation whose record it is; defaults to the actor's. */
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export type AuditEvent = repository.AuditEventRow;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const isFlat = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** JSON as jsonb will give it back: dates as strings, undefined dropped. Flat records of plain
 *  values (most changes, and every imported record) already are, and skip the round trip. */
function asStored(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).every(isFlat)
  )
    return value;
  return JSON.parse(JSON.stringify(value));
}

function content(row: Omit<repository.NewAuditEventRow, 'prevHash' | 'hash'>): string {
  return (
    stringify({
      occurredAt: row.occurredAt.toISOString(),
      actorUserId: row.actorUserId ?? null,
      actorLabel: row.actorLabel,
      organisationId: row.organisationId ?? null,
      action: row.action,
      recordType: row.recordType,
      recordId: row.recordId,
      before: row.before ?? null,
      after: row.after ?? null,
      reason: row.reason ?? null,
    }) ?? ''
  );
}

/** Appends events to the chain, inside the transaction that makes the change: the chain's lock
 *  is held to the transaction's end, so two writers never read the same head. */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  entries: readonly AuditEntry[],
  now = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  let prevHash = (await repository.lockChainAndReadHead(tx)) ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const row = {
      occurredAt: now,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      organisationId: entry.organisationId === undefined ? actor.organisationId : entry.organisationId,
      action: entry.action,
      recordType: entry.recordType,
      recordId: entry.recordId,
      before: asStored(entry.before),
      after: asStored(entry.after),
      reason: entry.reason ?? null,
    };
    const hash = linkHash(sha256, prevHash, content(row));
    const linked = { ...row, prevHash, hash };
    prevHash = hash;
    return linked;
  });
  await repository.insertEvents(tx, rows);
}

/** Appends events that go with no other change (a view, a sign-in), in a transaction of their own. */
export async function recordAuditAlone(db: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  await db.transaction((tx) => recordAudit(tx, actor, entries));
}

/** The event that seals redacted events: its payload lists each one's seq and content digest. */
export const REDACTION_SEAL = 'audit.redaction-seal';
interface Seal {
  redacted: { seq: number; digest: string }[];
}

/**
 * Empties the payloads of every event of one record (an erased person's: what they were called,
 * what was typed about them), keeping who did what and when. Each redacted event is sealed by a
 * new event recording the digest of what it now says, so the chain still verifies: the seal is
 * itself chained, and an event emptied without one shows as altered.
 */
export async function redactRecordEvents(
  tx: Tx,
  actor: Actor,
  record: { recordType: string; recordId: string; organisationId: string },
): Promise<number> {
  await repository.lockChainAndReadHead(tx);
  const redacted = await repository.redactEventsOf(tx, record.recordType, record.recordId);
  if (redacted.length === 0) return 0;
  const seal: Seal = { redacted: redacted.map((row) => ({ seq: row.seq, digest: sha256(content(row)) })) };
  await recordAudit(tx, actor, [{ action: REDACTION_SEAL, ...record, after: seal }]);
  return redacted.length;
}

/** Every event of one record, newest first. */
export function eventsOfRecord(db: Db, recordType: string, recordId: string): Promise<AuditEvent[]> {
  return repository.eventsOfRecord(db, recordType, recordId);
}

async function sealedDigests(db: Db): Promise<Map<number, string>> {
  const seals = (await repository.sealsOf(db, REDACTION_SEAL)) as Seal[];
  return new Map(seals.flatMap((seal) => seal.redacted.map((event) => [event.seq, event.digest] as const)));
}

export interface VerifyResult {
  /** Events checked and intact (before the broken link, if any). */
  events: number;
  head: string;
  broken?: BrokenLink;
}

/** Walks the whole chain in order; reports the first broken link. */
export async function verifyAuditTrail(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let lastHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  const sealed = await sealedDigests(db);
  for (;;) {
    const rows = await repository.eventsAfter(db, lastSeq, 5000);
    if (rows.length === 0) return { events: checked, head: lastHash };
    const result = checkLinks(
      sha256,
      rows.map((row) => ({ seq: row.seq, prevHash: row.prevHash, hash: row.hash, content: content(row) })),
      lastHash,
      sealed,
    );
    if ('broken' in result) {
      const intact = rows.findIndex((row) => row.seq === result.broken.seq);
      return { events: checked + intact, head: lastHash, broken: result.broken };
    }
    lastHash = result.lastHash;
    lastSeq = rows[rows.length - 1]!.seq;
    checked += rows.length;
    onProgress?.(checked);
  }
}

export async function listAuditEvents(
  db: Db,
  filter: repository.AuditFilter,
  page: number,
  pageSize = 50,
): Promise<Page<AuditEvent>> {
  const { rows, total } = await repository.findEvents(db, filter, (page - 1) * pageSize, pageSize);
  return pageOf(rows, total, page, pageSize);
}
