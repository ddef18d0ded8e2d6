// "These providers' records changed", told by the part that changed them to the parts that keep
// something worked out from them. Why a registry: the part that changes a record (brokerage's
// embargoes, the CQC import in providers) must not import the part that reacts (quality's risk
// ratings), which already imports it, or each would depend on the other; so the reacting part
// listens here instead, and the changing part knows only this module.
import type { Db } from './db/client.ts';

export interface ProvidersChange {
  /** The organisation whose records changed, or null for records every organisation reads (CQC's). */
  organisationId: string | null;
  providerIds: readonly string[];
}

export type ProvidersChangedListener = (db: Db, change: ProvidersChange) => Promise<void>;

const listeners = new Set<ProvidersChangedListener>();

/** Listens from now on; the same listener added twice still runs once. */
export function onProvidersChanged(listener: ProvidersChangedListener): void {
  listeners.add(listener);
}

/**
 * Tells every listener, in turn, in the caller's transaction: what they work out changes with the
 * record, and a listener's failure undoes the change.
 */
export async function providersChanged(db: Db, change: ProvidersChange): Promise<void> {
  if (change.providerIds.length === 0) return;
  for (const listener of listeners) await listener(db, change);
}
