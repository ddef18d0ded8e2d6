// JSON API: who am I, and the people of an administrator's organisation.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import type { Role } from '../platform/domain/roles.ts';
import { actorOf } from '../platform/auth/current-user.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { userChangeInput, userInput } from './input.ts';
import * as service from './user-service.ts';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).default(1) });

export function organisationApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/me',
      tag: 'People',
      access: 'signed-in',
      summary: 'The person the token belongs to, with their roles and organisation or provider',
      success: { status: 200, description: 'the person' },
      handle: async ({ user }) => user,
    }),
    operation({
      method: 'GET',
      path: '/api/v1/users',
      tag: 'People',
      access: ['administrator'],
      query: pageQuery,
      summary: 'People in your organisation, 25 a page',
      success: { status: 200, description: 'a page of people' },
      handle: async ({ user, query }) => service.listUsers(db, user, query.page),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/users',
      tag: 'People',
      access: ['administrator'],
      body: userInput.omit({ organisation: true, provider: true }),
      summary: 'Add a person to your organisation',
      success: { status: 201, description: 'the person added' },
      errors: { 409: 'Someone already uses that email address' },
      handle: async ({ user, body }) =>
        service.createUser(db, actorOf(user), { ...body, organisation: user.organisationId ?? undefined }),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/users/{userId}',
      tag: 'People',
      access: ['administrator'],
      summary: 'One person in your organisation',
      success: { status: 200, description: 'the person' },
      handle: async ({ user, params }) => service.userForAdministrator(db, user, params.userId!),
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/users/{userId}',
      tag: 'People',
      access: ['administrator'],
      body: userChangeInput.partial(),
      summary:
        'Change a person in your organisation: name, roles, active (false deactivates them), a new password (which ends their sessions), or revokeApiTokens: true to revoke all their API tokens',
      success: { status: 200, description: 'the person as changed' },
      handle: async ({ user, params, body }) => {
        const current = await service.userForAdministrator(db, user, params.userId!);
        return service.changeUser(db, user, params.userId!, {
          name: current.name,
          roles: current.roles as Role[],
          active: current.active,
          ...body,
        });
      },
    }),
  ];
}
