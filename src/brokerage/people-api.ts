// JSON API for people and their needs, and the care needs matrix. The same service as the pages.
import { staffOrganisation } from '../platform/auth/current-user.ts';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { assessmentInput, PEOPLE_SORTS, peopleFilterInput, personInput } from './input.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import * as people from './people-service.ts';

const peopleQuery = apiListQuery(peopleFilterInput, PEOPLE_SORTS);

export function peopleApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/assessment-matrix',
      tag: 'Brokerage',
      access: ANY_STAFF,
      summary: 'The care needs matrix: domains scored, thresholds and overrides that place people in need bands',
      success: { status: 200, description: 'the matrix' },
      handle: async ({ user }) => people.assessmentMatrix(db, staffOrganisation(user, ANY_STAFF)),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/assessment-matrix',
      tag: 'Brokerage',
      access: ['commissioner', 'administrator'],
      summary: 'Set the care needs matrix for later assessments',
      description:
        'Body: {"domains":[{"key","label","maxScore","descriptors"?:[one per score from 0]}],"thresholds":[{"band":"highly-complex"|"complex","minimumTotal"}],"overrides":[{"domain","minimumScore","band"}]}',
      success: { status: 200, description: 'the matrix' },
      handle: async ({ user, request }) => people.saveAssessmentMatrix(db, user, request.body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/people',
      tag: 'Brokerage',
      access: people.PERSON_READERS,
      query: peopleQuery,
      summary: 'People known to commissioning: the same list, filters and order as the People page',
      description:
        'search matches the name or case reference; caseload=referred-by-me keeps the people you referred; status, band (or not-assessed) and zoneId filter; sort is name, band or zone, order asc or desc; page and pageSize (at most 100).',
      success: { status: 200, description: 'a page of people: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => people.listPeople(db, user, apiListRequest(query, people.PEOPLE_ORDER)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/people',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: personInput,
      summary: 'Add a person',
      description:
        'funding lists {stream: care-act | nhs-chc | section-117, percent}, adding up to 100. nhsNumber is optional and checked by its check digit.',
      success: { status: 201, description: 'the person' },
      errors: { 409: 'Someone already has this case reference' },
      handle: async ({ user, body }) => people.createPerson(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/people/{id}',
      tag: 'Brokerage',
      access: people.PERSON_READERS,
      summary: "A person's record and assessments (each view is audited)",
      success: { status: 200, description: 'the record' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => people.getPerson(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/people/{id}',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: personInput,
      summary: "Change a person's record",
      success: { status: 200, description: 'the person' },
      errors: { ...NOT_FOUND, 409: 'Someone else has this case reference' },
      handle: async ({ user, params, body }) => people.updatePerson(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/people/{id}/assessments',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: assessmentInput,
      summary: 'Record an assessment of needs; the matrix gives the band',
      description: 'scores has a whole-number score for every domain of the matrix. Hours are minutes a week.',
      success: { status: 201, description: 'the current needs, with band and reason' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => people.recordAssessment(db, user, params.id!, body),
    }),
  ];
}
