// What Hearth tells people by email, one pure function per kind of message: each takes the plain
// facts of what happened and returns the subject, the body and the page to open. A message says
// what happened and links to the page; it never carries anything about the person being placed
// (name, date of birth, address, needs): the functions take no such facts, and the page shows
// them only to those allowed to see them.
import { longDate } from '../../platform/domain/calendar.ts';

export const MESSAGE_KINDS = [
  'offer-made',
  'offer-lapsing',
  'offer-answered',
  'application-decision',
  'award-letter',
  'off-framework-approval',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  'offer-made': 'Offer of work',
  'offer-lapsing': 'Offer about to lapse',
  'offer-answered': 'Offer answered',
  'application-decision': 'Application decision',
  'award-letter': 'Award letter',
  'off-framework-approval': 'Off-framework approval',
};

export interface Message {
  kind: MessageKind;
  subject: string;
  body: string;
  /** A path in Hearth ("/offers/…"): the sender makes it absolute with the service's public address. */
  link: string;
}

/** A path in Hearth, never an address elsewhere: a message only ever links back to Hearth. */
export function hearthPath(path: string): string {
  if (!/^\/(?![/\\])[^\s]*$/.test(path)) throw new Error(`A message links to a path in Hearth, not "${path}"`);
  return path;
}

/** A time of day as GOV.UK writes it, in London: 5pm, 9:30am, midday, midnight. */
export function timeOfDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    timeZone: 'Europe/London',
  }).formatToParts(instant);
  const hour = Number(parts.find((part) => part.type === 'hour')!.value);
  const minute = Number(parts.find((part) => part.type === 'minute')!.value);
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const clock = hour % 12 === 0 ? 12 : hour % 12;
  return `${clock}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** A moment as GOV.UK writes it, in London: "24 November 2026 at 5pm". */
export const dateAndTime = (instant: Date): string => `${longDate(instant)} at ${timeOfDay(instant)}`;

const SIGN_IN = 'Sign in to Hearth to see it.';

/** A provider is offered a package of care and has until the deadline to answer. To the provider's people. */
export function offerMade(facts: {
  organisationName: string;
  providerName: string;
  /** The last day to answer (YYYY-MM-DD): offers lapse when it is over. */
  lastDay: string;
  page: string;
}): Message {
  const deadline = `the end of ${longDate(facts.lastDay)}`;
  return {
    kind: 'offer-made',
    subject: `${facts.organisationName} has offered you work: answer by ${deadline}`,
    body: [
      `${facts.organisationName} has offered ${facts.providerName} a package of care.`,
      `Sign in to Hearth to read the offer and accept or decline it by ${deadline}. If nobody answers by then, the offer lapses and goes to the next provider.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}

/** An offer not yet answered is about to lapse. To the provider's people. */
export function offerLapsing(facts: {
  organisationName: string;
  providerName: string;
  /** The last day to answer (YYYY-MM-DD). */
  lastDay: string;
  page: string;
}): Message {
  const deadline = `the end of ${longDate(facts.lastDay)}`;
  return {
    kind: 'offer-lapsing',
    subject: `An offer from ${facts.organisationName} lapses at ${deadline}`,
    body: [
      `${facts.providerName} has not yet answered an offer of work from ${facts.organisationName}.`,
      `Sign in to Hearth to accept or decline it by ${deadline}. After that the offer lapses and goes to the next provider.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}

/** A provider has answered an offer. To the brokerage officers who sent it. */
export function offerAnswered(facts: { providerName: string; answer: 'accepted' | 'declined'; page: string }): Message {
  return {
    kind: 'offer-answered',
    subject: `${facts.providerName} has ${facts.answer} an offer`,
    body: [
      `${facts.providerName} has ${facts.answer} an offer of work.`,
      facts.answer === 'accepted'
        ? `${SIGN_IN} The referral is waiting for the next step.`
        : `${SIGN_IN} The referral moves on to the next provider in its cascade.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}

/** The decision on a provider's application is issued. To the provider's people. */
export function applicationDecisionIssued(facts: {
  organisationName: string;
  vehicleName: string;
  page: string;
}): Message {
  return {
    kind: 'application-decision',
    subject: `Decision on your application to ${facts.vehicleName}`,
    body: [
      `${facts.organisationName} has made its decision on your application to ${facts.vehicleName}.`,
      `Sign in to Hearth to read the decision and the reasons for it.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}

/** A provider's award letter is issued. To the provider's people. */
export function awardLetterIssued(facts: { organisationName: string; vehicleName: string; page: string }): Message {
  return {
    kind: 'award-letter',
    subject: `Your award letter for ${facts.vehicleName}`,
    body: [
      `${facts.organisationName} has issued your award letter for ${facts.vehicleName}.`,
      `Sign in to Hearth to read it.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}

/** Brokerage asks to buy care from a provider off the framework. To the organisation's commissioners. */
export function offFrameworkApprovalRequested(facts: { providerName: string; page: string }): Message {
  return {
    kind: 'off-framework-approval',
    subject: `Approval needed: buying care off framework from ${facts.providerName}`,
    body: [
      `A brokerage officer has asked to buy a package of care from ${facts.providerName} off framework.`,
      `Sign in to Hearth to approve or refuse the request.`,
    ].join('\n\n'),
    link: hearthPath(facts.page),
  };
}
