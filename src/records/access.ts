// Who may export or erase a person's data, decided once for the pages, the API and the command
// line. Officers of the person's own organisation who already read people's records: brokerage
// officers and commissioners. Administrators set the retention rule but never see a record;
// auditors read, they do not hand data over; another organisation's staff and providers get nothing.
import type { Db } from '../platform/db/client.ts';
import { commandLineActor, type Actor } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import type { Role } from '../platform/domain/roles.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { organisationByCode } from '../organisations/service.ts';
import { personLink } from '../brokerage/people-service.ts';

export const RECORDS_OFFICERS: readonly Role[] = ['brokerage_officer', 'commissioner'];
export const RETENTION_SETTERS: readonly Role[] = ['administrator'];

/** A signed-in person, or the command line on the server, naming the organisation. */
export type Requester = { user: CurrentUser } | { commandLine: { organisationCode: string } };

export interface Acting {
  organisationId: string;
  actor: Actor;
}

/** The organisation the requester acts for, where they hold one of `roles` in it; else refused. */
export async function actingFor(db: Db, requester: Requester, roles: readonly Role[]): Promise<Acting> {
  if ('user' in requester)
    return {
      organisationId: staffOrganisation(requester.user, roles),
      actor: actorOf(requester.user),
    };
  const organisation = await organisationByCode(db, requester.commandLine.organisationCode);
  if (!organisation) throw new NotFoundError(`No organisation has code ${requester.commandLine.organisationCode}`);
  return {
    organisationId: organisation.id,
    actor: { ...commandLineActor, organisationId: organisation.id },
  };
}

/** The person of the acting organisation, by id or (from the command line) case reference. */
export async function personOf(db: Db, acting: Acting, person: string): Promise<string> {
  const found = await personLink(
    db,
    acting.organisationId,
    isUuid(person) ? { id: person } : { caseReference: person },
  );
  if (!found) throw new NotFoundError();
  return found.id;
}
