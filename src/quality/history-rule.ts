// What every quality record's history rule shares: the history is seen by exactly those who may
// open the record, found by the same function its page and API use, so the routes cannot disagree.
import type { RecordHistory } from '../platform/audit/history.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';

/** The history `describe` gives of the record `load` finds for the viewer; null where the record's own route would refuse. */
export async function historyIfReadable<T>(
  load: () => Promise<T>,
  describe: (record: T) => RecordHistory,
): Promise<RecordHistory | null> {
  try {
    return describe(await load());
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
}
