import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  embargoProblems,
  membershipProblems,
  schemeProblems,
  transferProblems,
  type SchemeTransferCheck,
} from './placements.ts';

const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

test('an embargo on the provider stops the placement, on the field that names the provider', () => {
  assert.deepEqual(embargoProblems('providerId', undefined), []);
  assert.deepEqual(embargoProblems('careProviderId', 'Safeguarding enquiry open'), [
    {
      field: 'careProviderId',
      message: 'The provider is under an embargo on new placements: Safeguarding enquiry open',
    },
  ]);
});

const maple = { name: 'Maple Court', careProviderId: 'heron', expectedReadyOn: '2027-01-04' };

test("in a scheme, care is by the scheme's provider from the day it is ready", () => {
  assert.deepEqual(schemeProblems(maple, { providerId: 'heron', startsOn: '2027-01-04' }), []);
  assert.deepEqual(
    schemeProblems({ ...maple, expectedReadyOn: null }, { providerId: 'heron', startsOn: '2026-12-01' }),
    [],
  );
  assert.deepEqual(schemeProblems(maple, { providerId: 'kestrel', startsOn: '2027-01-03' }), [
    { field: 'providerId', message: 'Care in Maple Court is provided by another provider' },
    { field: 'startsOn', message: 'Maple Court is expected ready on 4 January 2027, after this start date' },
  ]);
});

test("on framework, the provider's own active membership; off framework, a reason", () => {
  const onFramework = { providerId: 'heron', membershipId: 'm1', offFrameworkReason: null };
  assert.deepEqual(membershipProblems({ providerId: 'heron', status: 'active' }, onFramework), []);
  assert.deepEqual(
    membershipProblems(undefined, { providerId: 'heron', membershipId: null, offFrameworkReason: 'No DPS provider' }),
    [],
  );
  assert.deepEqual(membershipProblems(undefined, onFramework), [
    { field: 'membershipId', message: 'Choose a membership on one of your vehicles' },
  ]);
  assert.deepEqual(membershipProblems({ providerId: 'kestrel', status: 'suspended' }, onFramework), [
    { field: 'membershipId', message: "The membership is another provider's" },
    { field: 'membershipId', message: 'The membership is suspended' },
  ]);
  assert.deepEqual(membershipProblems(undefined, { providerId: 'heron', membershipId: null }), [
    {
      field: 'offFrameworkReason',
      message: "Give the reason for placing off framework, or choose the provider's membership",
    },
  ]);
});

// Heron's contract for Maple Court ends; Kestrel, a Tier 1 provider, takes the care over (TUPE).
const transfer: SchemeTransferCheck = {
  scheme: { name: 'Maple Court', careProviderId: 'heron', careProviderName: 'Heron Care' },
  careProviderId: 'kestrel',
  transferOn: '2027-04-01',
  membership: { providerId: 'kestrel', status: 'active' },
  embargo: undefined,
  placementStarts: ['2026-09-14', '2025-03-02'],
};

test("a scheme's care moves to another provider with an active membership, after every current placement began", () => {
  assert.deepEqual(transferProblems(transfer), []);
  assert.deepEqual(transferProblems({ ...transfer, placementStarts: [] }), [], 'a scheme with nobody placed');
});

test('the same provider, a membership not its own or not active, an embargo, or too early a date: each is refused', () => {
  assert.deepEqual(transferProblems({ ...transfer, careProviderId: 'heron' }), [
    { field: 'careProviderId', message: 'Heron Care already provides care in Maple Court' },
    { field: 'membershipId', message: 'Choose a membership of the new provider on one of your vehicles' },
  ]);
  assert.deepEqual(transferProblems({ ...transfer, membership: undefined }), [
    { field: 'membershipId', message: 'Choose a membership of the new provider on one of your vehicles' },
  ]);
  assert.deepEqual(transferProblems({ ...transfer, membership: { providerId: 'kestrel', status: 'suspended' } }), [
    { field: 'membershipId', message: 'The membership is suspended' },
  ]);
  assert.deepEqual(fields(transferProblems({ ...transfer, embargo: 'Quality review' })), ['careProviderId']);
  assert.deepEqual(transferProblems({ ...transfer, placementStarts: ['2027-04-01', '2027-05-01'] }), [
    {
      field: 'transferOn',
      message: 'A placement here began on 1 April 2027: the new provider can take over only after that',
    },
  ]);
});
