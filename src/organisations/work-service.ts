// An administrator's work on the home page: accounts that need them. A person added a week ago who
// has never signed in may not have had their details; one not seen for 90 days may have left, and
// an account nobody uses is one an attacker could.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { WORK_ITEMS_SHOWN, type WorkQueue, type WorkSource } from '../platform/work/work.ts';
import { paths } from './paths.ts';
import * as repository from './repository.ts';

const DAY = 24 * 60 * 60 * 1000;
export const NEVER_SIGNED_IN_AFTER_DAYS = 7;
export const DORMANT_AFTER_DAYS = 90;

export function organisationsWork(db: Db, now: () => Date = () => new Date()): WorkSource {
  return async (user) => {
    if (!hasRole(user, 'administrator') || !user.organisationId) return [];
    const today = now();
    const queue = async (
      key: string,
      title: string,
      which: Parameters<typeof repository.accountsAwaitingAction>[2],
      hint: (row: repository.UserRow) => string,
    ): Promise<WorkQueue> => {
      const { rows, total } = await repository.accountsAwaitingAction(
        db,
        user.organisationId!,
        which,
        WORK_ITEMS_SHOWN,
      );
      return {
        key,
        title,
        count: total,
        href: paths.people(),
        items: rows.map((row) => ({ text: row.name, href: paths.person(row.id), hint: hint(row) })),
      };
    };
    return Promise.all([
      queue(
        'organisations.never-signed-in',
        'People who have never signed in',
        { neverSignedInAddedBefore: new Date(today.getTime() - NEVER_SIGNED_IN_AFTER_DAYS * DAY) },
        (row) => `Added on ${longDate(row.createdAt)}: check they have their details, or deactivate the account`,
      ),
      queue(
        'organisations.dormant',
        `Accounts not used for ${DORMANT_AFTER_DAYS} days`,
        { lastSignedInBefore: new Date(today.getTime() - DORMANT_AFTER_DAYS * DAY) },
        (row) => `Last signed in on ${longDate(row.lastSignInAt)}: deactivate it if they have left`,
      ),
    ]);
  };
}
