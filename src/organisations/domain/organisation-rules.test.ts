import { test } from 'node:test';
import assert from 'node:assert/strict';
import { organisationCodeProblem, roleChanges, roleProblems, selfChangeProblems } from './organisation-rules.ts';

const councils: Record<string, { name: string; current: boolean }> = {
  E10000028: { name: 'Staffordshire County Council', current: true },
  E10000009: { name: 'Dorset County Council', current: false },
};
const lookup = (code: string) => councils[code];

test('councils are known by a current GSS code', () => {
  assert.equal(organisationCodeProblem('council', 'E10000028', false, lookup), null);
  assert.match(organisationCodeProblem('council', 'E99999999', false, lookup)!, /not the GSS code/);
  assert.match(organisationCodeProblem('council', 'E10000009', false, lookup)!, /no longer a local authority/);
  assert.match(organisationCodeProblem('council', 'staffs', false, lookup)!, /GSS code/);
});

test('NHS bodies by ODS code; demo organisations by a demo- code only', () => {
  assert.equal(organisationCodeProblem('nhs', 'QNC', false, lookup), null);
  assert.match(organisationCodeProblem('nhs', 'q', false, lookup)!, /ODS code/);
  assert.equal(organisationCodeProblem('council', 'demo-county', true, lookup), null);
  assert.match(organisationCodeProblem('council', 'E10000028', true, lookup)!, /demo-/);
});

test('provider users hold only that role, tied to a provider; staff belong to an organisation', () => {
  assert.deepEqual(roleProblems(['commissioner', 'evaluator'], true, false), []);
  assert.deepEqual(roleProblems(['provider_user'], false, true), []);
  assert.deepEqual(
    roleProblems([], true, false).map((p) => p.field),
    ['roles'],
  );
  assert.deepEqual(
    roleProblems(['provider_user', 'commissioner'], false, true).map((p) => p.field),
    ['roles'],
  );
  assert.deepEqual(
    roleProblems(['provider_user'], true, false).map((p) => p.field),
    ['provider', 'organisation'],
  );
  assert.deepEqual(
    roleProblems(['auditor'], false, true).map((p) => p.field),
    ['organisation', 'provider'],
  );
});

test('an administrator cannot change their own roles, deactivate themselves or reset their own password; others they may change freely', () => {
  const unchanged = { roles: ['auditor', 'administrator'] as const, active: true, password: false };
  assert.deepEqual(
    selfChangeProblems(true, ['administrator', 'auditor'], {
      ...unchanged,
      roles: ['auditor', 'administrator', 'auditor'],
    }),
    [],
  );
  assert.deepEqual(
    selfChangeProblems(true, ['administrator'], unchanged).map((p) => p.message),
    ['You cannot change your own roles: ask another administrator'],
  );
  assert.deepEqual(
    selfChangeProblems(true, ['administrator', 'auditor'], {
      roles: ['administrator'],
      active: false,
      password: true,
    }).map((p) => p.field),
    ['roles', 'active', 'password'],
  );
  assert.deepEqual(
    selfChangeProblems(false, ['administrator'], { roles: ['auditor'], active: false, password: true }),
    [],
  );
});

test('role changes are read from the events whose after holds roles; being added changes from none', () => {
  const at = new Date('2025-01-02T10:00:00Z');
  const changes = roleChanges([
    {
      occurredAt: at,
      actorLabel: 'Ann <ann@example.gov.uk>',
      before: { roles: ['evaluator'] },
      after: { roles: ['evaluator', 'auditor'] },
    },
    { occurredAt: at, actorLabel: 'Ann <ann@example.gov.uk>', before: null, after: { passwordReset: true } },
    { occurredAt: at, actorLabel: 'command line', before: null, after: { name: 'Bo', roles: ['evaluator'] } },
  ]);
  assert.deepEqual(changes, [
    { at, by: 'Ann <ann@example.gov.uk>', from: ['evaluator'], to: ['evaluator', 'auditor'] },
    { at, by: 'command line', from: [], to: ['evaluator'] },
  ]);
});
