import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applicationDecisionIssued,
  awardLetterIssued,
  dateAndTime,
  hearthPath,
  MESSAGE_KIND_LABELS,
  MESSAGE_KINDS,
  offerAnswered,
  offerLapsing,
  offerMade,
  offFrameworkApprovalRequested,
  timeOfDay,
  type Message,
} from './messages.ts';

// 24 November 2026 is in GMT; 1 July 2026 in BST.
const FIVE_PM = new Date('2026-11-24T17:00:00Z');

test('a deadline is written as GOV.UK writes it, in London time', () => {
  assert.equal(dateAndTime(FIVE_PM), '24 November 2026 at 5pm');
  assert.equal(dateAndTime(new Date('2026-07-01T16:00:00Z')), '1 July 2026 at 5pm');
  assert.equal(timeOfDay(new Date('2026-11-24T09:30:00Z')), '9:30am');
  assert.equal(timeOfDay(new Date('2026-11-24T12:00:00Z')), 'midday');
  assert.equal(timeOfDay(new Date('2026-11-24T00:00:00Z')), 'midnight');
  assert.equal(timeOfDay(new Date('2026-11-24T23:59:00Z')), '11:59pm');
  assert.equal(timeOfDay(new Date('2026-11-24T12:05:00Z')), '12:05pm');
  assert.equal(timeOfDay(new Date('2026-11-24T00:15:00Z')), '12:15am');
});

test('a provider offered work is told by whom, and by when to answer', () => {
  const message = offerMade({
    organisationName: 'Staffordshire County Council',
    providerName: 'Heron Supported Living Ltd',
    lastDay: '2026-11-24',
    page: '/offers/0f1',
  });
  assert.equal(message.kind, 'offer-made');
  assert.equal(
    message.subject,
    'Staffordshire County Council has offered you work: answer by the end of 24 November 2026',
  );
  assert.match(message.body, /offered Heron Supported Living Ltd a package of care/);
  assert.match(message.body, /accept or decline it by the end of 24 November 2026/);
  assert.equal(message.link, '/offers/0f1');
});

test('an offer about to lapse says when', () => {
  const message = offerLapsing({
    organisationName: 'Staffordshire County Council',
    providerName: 'Heron Supported Living Ltd',
    lastDay: '2026-11-24',
    page: '/offers/0f1',
  });
  assert.equal(message.kind, 'offer-lapsing');
  assert.equal(message.subject, 'An offer from Staffordshire County Council lapses at the end of 24 November 2026');
  assert.match(message.body, /Heron Supported Living Ltd has not yet answered/);
});

test("brokerage is told a provider's answer, and what happens next", () => {
  const accepted = offerAnswered({ providerName: 'Kestrel Care Ltd', answer: 'accepted', page: '/referrals/1' });
  assert.equal(accepted.subject, 'Kestrel Care Ltd has accepted an offer');
  assert.match(accepted.body, /waiting for the next step/);
  const declined = offerAnswered({ providerName: 'Kestrel Care Ltd', answer: 'declined', page: '/referrals/1' });
  assert.equal(declined.subject, 'Kestrel Care Ltd has declined an offer');
  assert.match(declined.body, /next provider in its cascade/);
  assert.equal(declined.kind, 'offer-answered');
});

test("a provider is told its application's decision and its award letter are ready, not what they say", () => {
  const facts = { organisationName: 'Kent County Council', vehicleName: 'Supported Living DPS 2026', page: '/a/1' };
  const decision = applicationDecisionIssued(facts);
  assert.equal(decision.kind, 'application-decision');
  assert.equal(decision.subject, 'Decision on your application to Supported Living DPS 2026');
  assert.match(decision.body, /Kent County Council has made its decision/);
  const award = awardLetterIssued(facts);
  assert.equal(award.kind, 'award-letter');
  assert.equal(award.subject, 'Your award letter for Supported Living DPS 2026');
});

test('commissioners are asked to approve an off-framework purchase', () => {
  const message = offFrameworkApprovalRequested({
    providerName: 'Kestrel Care Ltd',
    page: '/referrals/1/off-framework',
  });
  assert.equal(message.kind, 'off-framework-approval');
  assert.equal(message.subject, 'Approval needed: buying care off framework from Kestrel Care Ltd');
  assert.match(message.body, /approve or refuse/);
});

test('a message never carries the facts of the person being placed, even when a caller hands them over', () => {
  // A caller spreading a whole referral into the facts: the functions read only what they declare.
  const person = {
    personName: 'Jane Example',
    name: 'Jane Example',
    dateOfBirth: '1990-02-14',
    address: '12 Acacia Avenue, Stafford ST16 1AA',
    postcode: 'ST16 1AA',
    needs: 'autism, epilepsy, behaviour that challenges',
    nhsNumber: '943 476 5919',
  };
  const base = {
    organisationName: 'Staffordshire County Council',
    providerName: 'Heron',
    vehicleName: 'DPS',
    page: '/x',
  };
  const messages: Message[] = [
    offerMade({ ...person, ...base, lastDay: '2026-11-24' }),
    offerLapsing({ ...person, ...base, lastDay: '2026-11-24' }),
    offerAnswered({ ...person, ...base, answer: 'accepted' }),
    applicationDecisionIssued({ ...person, ...base }),
    awardLetterIssued({ ...person, ...base }),
    offFrameworkApprovalRequested({ ...person, ...base }),
  ];
  assert.deepEqual(messages.map((message) => message.kind).sort(), [...MESSAGE_KINDS].sort());
  for (const message of messages) {
    const text = JSON.stringify(message);
    for (const value of ['Jane', 'Example', '1990', '14 February', 'Acacia', 'ST16', 'autism', 'epilepsy', '943 476'])
      assert.ok(!text.includes(value), `${message.kind} holds "${value}"`);
  }
  for (const kind of MESSAGE_KINDS) assert.ok(MESSAGE_KIND_LABELS[kind]);
});

test('a message links only to a path in Hearth', () => {
  assert.equal(hearthPath('/offers/1?tab=answer'), '/offers/1?tab=answer');
  for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'offers/1', '/a b'])
    assert.throws(() => hearthPath(bad), /links to a path in Hearth/);
  assert.throws(() => offerAnswered({ providerName: 'X', answer: 'accepted', page: 'https://evil.example' }));
});
