// The demo county's intelligence log over the past year, as pure data: about sixty entries across
// its contracted services, the Poor ones' concerns mostly substantiated and the embargoed
// provider's recent ones still open. Summaries are plain and hold no personal details.
import { addDays, type IsoDate } from '../../platform/domain/calendar.ts';
import type { DemoOutcome } from './demo-quality.ts';

/** Which services an intelligence entry is about: those of an assessment outcome, or the embargoed provider's. */
export type DemoSubject = 'poor' | 'requires-improvement' | 'good' | 'embargoed';

/** The subject a service's assessment outcome puts it under, if any. */
export const subjectOf = (outcome: DemoOutcome): DemoSubject | null =>
  outcome === 'poor' || outcome === 'requires-improvement'
    ? outcome
    : outcome === 'good' || outcome === 'excellent'
      ? 'good'
      : null;

interface Finding {
  outcome: 'substantiated' | 'not-substantiated';
  outcomeReason: string;
}
const found = (outcomeReason: string): Finding => ({ outcome: 'substantiated', outcomeReason });
const notFound = (outcomeReason: string): Finding => ({ outcome: 'not-substantiated', outcomeReason });

export interface DemoIntelligence {
  subject: DemoSubject;
  /** Which of the subject's services, counting round them. */
  nth: number;
  entry: {
    kind: 'concern' | 'safeguarding' | 'notification' | 'manager-vacancy' | 'food-hygiene';
    category: string;
    occurredOn: IsoDate;
    summary: string;
    source: string;
    outcome: string | null;
    outcomeReason: string | null;
    rating: string | null;
  };
  /** A concern's finding, recorded once it was investigated; recent ones are still open. */
  finding: Finding | null;
}

type Row = [subject: DemoSubject, nth: number, daysAgo: number, category: string, summary: string, source: string];

const FAMILY = 'Phone call from a family member';
const SOCIAL_WORKER = 'Email from the person’s social worker';
const RETURN = 'Monthly contract monitoring return';
const PROVIDER = 'The provider’s own notification';
const VISIT = 'Quality officer’s visit';
const ADVOCACY = 'Advocacy service';
const COMPLAINT = 'Complaint to the council’s customer services';
const WHISTLEBLOWER = 'Whistleblowing call to the council';
const PHARMACIST = 'Community pharmacist’s review';
const TENANT = 'Phone call from a tenant';

/** Contract concerns, each with its finding where investigated: the Poor services' mostly substantiated. */
const CONCERNS: [...Row, Finding | null][] = [
  [
    'poor',
    0,
    300,
    'missed-visits',
    'Two evening calls missed in one week; one evening’s medication was not given.',
    FAMILY,
    found('The rota had no staff on the calls; the provider confirmed the gap.'),
  ],
  [
    'poor',
    0,
    240,
    'medication',
    'Medication records had gaps on four days in one month.',
    PHARMACIST,
    found('The records confirmed the gaps; two staff had no medication competency check.'),
  ],
  [
    'poor',
    0,
    160,
    'staffing',
    'Agency staff on most night shifts; tenants did not know who would arrive.',
    ADVOCACY,
    found('The rota showed agency cover on seven nights in ten for six weeks.'),
  ],
  [
    'poor',
    0,
    60,
    'complaint',
    'Family said the activities in the support plan had stopped for two months.',
    COMPLAINT,
    found('Daily notes showed no community activities since the key worker left.'),
  ],
  ['poor', 0, 12, 'late-visits', 'Morning support arriving up to two hours late on several days.', SOCIAL_WORKER, null],
  [
    'poor',
    1,
    280,
    'staffing',
    'The scheme ran below its contracted staffing at weekends for a month.',
    RETURN,
    found('The provider’s own return showed the shortfall on every weekend of the month.'),
  ],
  [
    'poor',
    1,
    200,
    'complaint',
    'A neighbour complained of noise late at night from the scheme.',
    COMPLAINT,
    notFound('Night visits found staff on duty and tenants settled; the noise came from another property.'),
  ],
  [
    'poor',
    1,
    110,
    'medication',
    'A tenant was given another tenant’s evening tablets; no harm came of it.',
    PROVIDER,
    found('The provider’s investigation confirmed it; staff retrained and a second check brought in.'),
  ],
  [
    'poor',
    1,
    35,
    'other',
    'The fire risk assessment was out of date and two fire doors were propped open.',
    VISIT,
    found('Seen on the visit; the provider and the landlord were told in writing.'),
  ],
  [
    'poor',
    1,
    8,
    'missed-visits',
    'The scheme’s shared support hours did not happen on three afternoons.',
    TENANT,
    null,
  ],
  [
    'requires-improvement',
    0,
    320,
    'late-visits',
    'Personal care calls regularly twenty to forty minutes late.',
    FAMILY,
    found('Call monitoring showed late arrivals on most mornings over a fortnight.'),
  ],
  [
    'requires-improvement',
    0,
    150,
    'complaint',
    'Family said they were not told of a change of key worker.',
    FAMILY,
    notFound('The provider’s records showed a letter and a phone call to the family before the change.'),
  ],
  [
    'requires-improvement',
    0,
    20,
    'staffing',
    'Staff said they had had no supervision for several months.',
    WHISTLEBLOWER,
    null,
  ],
  [
    'requires-improvement',
    1,
    270,
    'medication',
    'As-needed medicine given without following its protocol.',
    'Community learning disability team',
    found('Two doses in a month were given without the checks the protocol sets out.'),
  ],
  [
    'requires-improvement',
    1,
    90,
    'missed-visits',
    'A day’s support was said to have been cancelled at short notice.',
    SOCIAL_WORKER,
    notFound('The records and the tenant’s own account showed support went ahead an hour later with cover staff.'),
  ],
  [
    'requires-improvement',
    1,
    15,
    'complaint',
    'A tenant said staff do not knock before coming into their flat.',
    ADVOCACY,
    null,
  ],
  [
    'requires-improvement',
    2,
    230,
    'staffing',
    'Five support workers left in three months.',
    RETURN,
    found('Confirmed from the provider’s returns; its recruitment plan is part of the action plan.'),
  ],
  [
    'requires-improvement',
    2,
    70,
    'other',
    'The communal kitchen was closed for repairs for six weeks with no plan for meals.',
    VISIT,
    found('Seen on the visit; tenants had been buying takeaways.'),
  ],
  [
    'requires-improvement',
    3,
    190,
    'late-visits',
    'Waking night checks not done at the times the support plan sets.',
    PROVIDER,
    found('The night log showed checks missed or late on eleven nights.'),
  ],
  [
    'requires-improvement',
    3,
    40,
    'complaint',
    'Family said their relative’s spending money was not recorded properly.',
    FAMILY,
    notFound('An audit of the finance records found every payment receipted and signed.'),
  ],
  [
    'embargoed',
    0,
    150,
    'late-visits',
    'Evening support said to start late most days.',
    FAMILY,
    notFound('Call monitoring showed visits on time within ten minutes.'),
  ],
  [
    'embargoed',
    1,
    220,
    'missed-visits',
    'A weekend of support missed when two staff were off sick.',
    SOCIAL_WORKER,
    found('Confirmed; the provider had no cover arrangement for weekends.'),
  ],
  ['embargoed', 0, 25, 'medication', 'Two medication errors in a fortnight at the same scheme.', PROVIDER, null],
  ['embargoed', 0, 18, 'staffing', 'Night staff reported asleep on a waking night shift.', WHISTLEBLOWER, null],
  ['embargoed', 1, 14, 'other', 'An advocate said a tenant was kept in the scheme as a punishment.', ADVOCACY, null],
  [
    'good',
    0,
    350,
    'complaint',
    'A tenant said their flat had not been cleaned as the plan says.',
    TENANT,
    notFound(
      'The cleaning rota and the tenant on the visit showed it was done; the day had been changed at the tenant’s request.',
    ),
  ],
  [
    'good',
    1,
    330,
    'late-visits',
    'Visits late on two days in the snow.',
    FAMILY,
    found('Late during the snow; the provider phoned each person to say so, as its plan requires.'),
  ],
  [
    'good',
    2,
    310,
    'staffing',
    'A new manager said to have started without an induction.',
    RETURN,
    notFound('The induction record was signed off in the manager’s first fortnight.'),
  ],
  [
    'good',
    3,
    290,
    'medication',
    'The stock count of one medicine did not match its record.',
    PHARMACIST,
    found('A counting error in the stock book, found and put right the same week.'),
  ],
  [
    'good',
    4,
    260,
    'missed-visits',
    'One evening call missed when a member of staff went off sick.',
    PROVIDER,
    found('Confirmed; the provider now keeps a member of staff on call for short-notice sickness.'),
  ],
  [
    'good',
    5,
    250,
    'complaint',
    'Family unhappy that a planned holiday was cancelled.',
    FAMILY,
    notFound('The person chose to cancel; their advocate confirmed it.'),
  ],
  [
    'good',
    6,
    210,
    'other',
    'The scheme’s lift out of order for a week.',
    TENANT,
    notFound('The lift is the landlord’s; the provider reported it the same day and helped tenants with the stairs.'),
  ],
  [
    'good',
    7,
    180,
    'late-visits',
    'Morning visits said to be late since a rota change.',
    SOCIAL_WORKER,
    notFound('Call monitoring showed every visit that month within fifteen minutes of its time.'),
  ],
  [
    'good',
    8,
    170,
    'staffing',
    'Two new staff working alone before finishing their shadow shifts.',
    WHISTLEBLOWER,
    found('True for one week; the provider stopped it and checked the rest of its rota.'),
  ],
  [
    'good',
    9,
    130,
    'complaint',
    'A tenant’s family said phone calls to the office went unanswered.',
    FAMILY,
    notFound('The office’s call log showed the calls answered or returned the same day.'),
  ],
  [
    'good',
    10,
    100,
    'medication',
    'A tenant’s new prescription said to have been started late.',
    'GP practice',
    notFound('The pharmacy delivered it the day it was started; the records match.'),
  ],
  [
    'good',
    11,
    80,
    'missed-visits',
    'A visit shown as missed on the council’s call monitoring.',
    RETURN,
    notFound('The visit happened: the staff member’s phone app had failed to log in.'),
  ],
  ['good', 12, 30, 'other', 'Tenants said the garden was overgrown and unsafe to use.', TENANT, null],
  ['good', 13, 10, 'complaint', 'Family said they were not invited to a support plan review.', FAMILY, null],
  ['good', 14, 5, 'late-visits', 'Lunchtime support late three days running.', SOCIAL_WORKER, null],
];

/** Concluded section 42 enquiries, each with its outcome and what lies behind it. */
const ENQUIRIES: [...Row, outcome: string, reason: string][] = [
  [
    'poor',
    0,
    210,
    'section-42',
    'Enquiry into neglect: missed medication and personal care over several weeks.',
    'Safeguarding adults board',
    'risk-reduced',
    'A named manager now checks every medication record weekly.',
  ],
  [
    'poor',
    1,
    130,
    'section-42',
    'Enquiry into financial abuse: cash missing from a tenant’s safe.',
    'Council safeguarding team',
    'risk-removed',
    'The member of staff was dismissed and referred to the barring service; the money was repaid.',
  ],
  [
    'requires-improvement',
    1,
    180,
    'section-42',
    'Enquiry into a restraint used that the support plan does not allow.',
    'Community learning disability team',
    'risk-reduced',
    'Staff retrained in positive behaviour support; the plan was reviewed with the person.',
  ],
  [
    'requires-improvement',
    2,
    95,
    'section-42',
    'Enquiry after a tenant left the scheme at night without staff knowing.',
    'Police',
    'risk-removed',
    'Door sensors fitted with the tenant’s agreement and night checks changed.',
  ],
  [
    'embargoed',
    1,
    120,
    'section-42',
    'Enquiry into unexplained bruising seen during personal care.',
    'Council safeguarding team',
    'no-risk-identified',
    'Medical advice found the bruising came from a known health condition.',
  ],
  [
    'good',
    3,
    240,
    'section-42',
    'Enquiry into a dispute between two tenants sharing a flat.',
    'Safeguarding adults board',
    'risk-reduced',
    'One tenant moved to a flat of their own in the scheme, with their agreement.',
  ],
  [
    'good',
    6,
    140,
    'section-42',
    'Enquiry raised by a GP about a tenant’s weight loss.',
    'GP practice',
    'no-risk-identified',
    'The weight loss was planned with the tenant’s dietitian.',
  ],
  [
    'good',
    9,
    60,
    'section-42',
    'Enquiry into a tenant being pressed for money by an acquaintance.',
    'Police',
    'risk-remains',
    'The tenant chose to keep in contact; a protection plan is in place.',
  ],
  [
    'good',
    12,
    200,
    'section-42',
    'Enquiry about a fall in a bathroom.',
    'Ambulance service',
    'no-further-action',
    'Ceased at the tenant’s wish: the risk was low and they decide for themselves.',
  ],
];

const NOTIFICATIONS: Row[] = [
  [
    'requires-improvement',
    3,
    75,
    'unexpected-death',
    'A tenant died unexpectedly at home; the coroner has been told.',
    'CQC notification',
  ],
  [
    'poor',
    0,
    100,
    'serious-incident',
    'A fire in a tenant’s kitchen; everyone left safely and nobody was hurt.',
    PROVIDER,
  ],
  [
    'embargoed',
    0,
    16,
    'serious-incident',
    'A tenant went to hospital after a medication error and came home the next day; a safeguarding enquiry is open.',
    'CQC notification',
  ],
  [
    'good',
    15,
    190,
    'serious-incident',
    'Police called when a tenant was missing for six hours; found safe and well.',
    PROVIDER,
  ],
];

const VACANCIES: Row[] = [
  [
    'requires-improvement',
    2,
    120,
    'no-registered-manager',
    'CQC lists no registered manager since the manager left; an acting manager is in post.',
    'CQC data',
  ],
  ['good', 16, 50, 'manager-absent', 'CQC records the registered manager as absent on long-term leave.', 'CQC data'],
];

const FOOD: [...Row, rating: string][] = (
  [
    ['good', 17, 280, '5'],
    ['good', 18, 230, '5'],
    ['requires-improvement', 0, 160, '3'],
    ['good', 19, 90, '4'],
    ['poor', 1, 50, '2'],
  ] as const
).map(([subject, nth, daysAgo, rating]) => [
  subject,
  nth,
  daysAgo,
  'rating',
  'Food hygiene rating of the scheme’s communal kitchen, from the council’s environmental health inspection.',
  'Food Standards Agency ratings data',
  rating,
]);

const head = (row: readonly unknown[]) => row.slice(0, 6) as Row;

/** About sixty entries over the past year, each dated back from `today`. */
export function demoIntelligence(today: IsoDate): DemoIntelligence[] {
  const entry = (
    kind: DemoIntelligence['entry']['kind'],
    [subject, nth, daysAgo, category, summary, source]: Row,
    extra: Partial<DemoIntelligence['entry']> = {},
    finding: Finding | null = null,
  ): DemoIntelligence => ({
    subject,
    nth,
    entry: {
      kind,
      category,
      occurredOn: addDays(today, -daysAgo),
      summary,
      source,
      outcome: null,
      outcomeReason: null,
      rating: null,
      ...extra,
    },
    finding,
  });
  return [
    ...CONCERNS.map((row) => entry('concern', head(row), {}, row[6])),
    ...ENQUIRIES.map((row) => entry('safeguarding', head(row), { outcome: row[6], outcomeReason: row[7] })),
    ...NOTIFICATIONS.map((row) => entry('notification', row)),
    ...VACANCIES.map((row) => entry('manager-vacancy', row)),
    ...FOOD.map((row) => entry('food-hygiene', head(row), { rating: row[6] })),
  ];
}
