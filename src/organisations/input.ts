// What people may send to create organisations, people and tokens: one Zod schema each,
// used by the pages, the API and the command line alike.
import { z } from 'zod';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import { ROLES } from '../platform/domain/roles.ts';
import { freeText, optionalText, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterText } from '../platform/http/paging.ts';

const trimmed = (label: string, max = 200) => requiredText(label, max);

/** A page of the organisation's own website: a full https address, so no other kind of link gets in. */
const webPage = (label: string, example: string) =>
  optionalText(500, label).refine(
    (v) => v === null || (/^https:\/\/\S+$/i.test(v) && URL.canParse(v)),
    `Enter the ${label.toLowerCase()}'s full web address, starting https://, like ${example}`,
  );

/** What every page's footer shows for the organisation's people. */
export const organisationFooterInput = z.object({
  accessibilityStatementUrl: webPage('Accessibility statement', 'https://www.example.gov.uk/accessibility'),
  privacyNoticeUrl: webPage('Privacy notice', 'https://www.example.gov.uk/privacy'),
  contactEmail: optionalText(320, 'Contact email').refine(
    (v) => v === null || z.email().safeParse(v).success,
    'Enter the contact email address in the correct format, like commissioning@example.gov.uk',
  ),
  contactPhone: optionalText(40, 'Contact phone number').refine(
    (v) => v === null || /^[+\d][\d\s()-]{6,}$/.test(v),
    'Enter the contact phone number, like 01785 223121',
  ),
  ocdsPrefix: optionalText(20, 'OCDS prefix').refine(
    (v) => v === null || /^ocds-[a-z0-9]{6}$/.test(v),
    'Enter the OCDS prefix the Open Contracting Partnership registered for you: ocds- and six letters or digits, like ocds-213czf',
  ),
});
export type OrganisationFooterInput = z.input<typeof organisationFooterInput>;

export const organisationInput = organisationFooterInput.extend({
  name: trimmed("the organisation's name"),
  code: freeText({ error: "Enter the organisation's code" }).trim().min(1, "Enter the organisation's code"),
  type: z.enum(['council', 'nhs'], { error: 'Choose council or nhs' }),
  isDemo: z.boolean().default(false),
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const MIN_PASSWORD_LENGTH = 12;

// Built on first use: loading the dictionaries takes a moment that most commands never need.
let strength: ZxcvbnFactory | undefined;
const passwordStrength = () =>
  (strength ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  }));

/** Scores run 0 to 4; below 3 is guessable in well under a day offline (common words, "aaaa…", "abcd…", keyboard runs). */
const MIN_PASSWORD_SCORE = 3;

/** A password someone is setting: long enough, and not easy to guess. `label` names the field in messages. */
const newPassword = (label: string) =>
  z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .min(1, { error: `Enter ${label.toLowerCase()}`, abort: true })
    .min(MIN_PASSWORD_LENGTH, { error: `${label} must be at least ${MIN_PASSWORD_LENGTH} characters`, abort: true })
    .max(200, { error: `${label} must be 200 characters or fewer`, abort: true })
    .superRefine((password, context) => {
      const { score, feedback } = passwordStrength().check(password);
      if (score >= MIN_PASSWORD_SCORE) return;
      const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
      context.addIssue({
        code: 'custom',
        message: `${label} is too easy to guess. ${advice || 'Use three or four unrelated words.'}`,
      });
    });

export const userInput = z.object({
  email: freeText({ error: 'Enter an email address' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' })),
  name: trimmed("the person's name"),
  roles: z.array(
    z.enum(ROLES, { error: (issue) => `"${String(issue.input)}" is not a role: use one of ${ROLES.join(', ')}` }),
  ),
  /** The organisation's code (E10000028) or id. */
  organisation: freeText().trim().min(1).optional(),
  /** The provider's id, for provider users. */
  provider: freeText().trim().min(1).optional(),
  password: newPassword('The password').optional(),
});
export type UserInput = z.input<typeof userInput>;

/** An administrator's change to a person: name, roles, whether they may sign in, a new password, revoking their tokens. */
export const userChangeInput = z.object({
  name: trimmed("the person's name"),
  roles: z.array(
    z.enum(ROLES, { error: (issue) => `"${String(issue.input)}" is not a role: use one of ${ROLES.join(', ')}` }),
  ),
  active: z.boolean({ error: 'Choose whether the person can sign in' }),
  password: newPassword('The password').optional(),
  /** Revoke every API token the person has, for when a token may be known to someone else. */
  revokeApiTokens: z.boolean().optional(),
});
export type UserChangeInput = z.input<typeof userChangeInput>;

/** Someone changing their own password: the current one proves it is them. */
export const ownPasswordInput = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword: newPassword('Your new password'),
    confirmPassword: z.string({ error: 'Enter your new password again' }).min(1, 'Enter your new password again'),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ['confirmPassword'],
    error: 'The passwords do not match: enter your new password again',
  });
export type OwnPasswordInput = z.input<typeof ownPasswordInput>;

export const apiTokenInput = z.object({
  name: trimmed('a name for the token, so you know where it is used', 100),
});

export const signInInput = z.object({
  email: freeText().trim().toLowerCase().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
  next: z.string().optional(),
});

/** An administrator's list of people: words of a name or email, a role, active or deactivated. */
export const peopleFilterInput = z.object({
  search: filterText(200),
  role: filterChoice(ROLES, 'Choose a role from the list'),
  status: filterChoice(['active', 'deactivated'], 'Choose active or deactivated'),
});
export type PeopleFilter = z.output<typeof peopleFilterInput>;
