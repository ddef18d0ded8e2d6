// What people may send to create organisations, people and tokens: one Zod schema each,
// used by the pages, the API and the command line alike.
import { z } from 'zod';
import { ROLES } from '../platform/domain/roles.ts';

const trimmed = (label: string, max = 200) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

export const organisationInput = z.object({
  name: trimmed('the organisation\'s name'),
  code: z.string({ error: 'Enter the organisation\'s code' }).trim().min(1, 'Enter the organisation\'s code'),
  type: z.enum(['council', 'nhs'], { error: 'Choose council or nhs' }),
  isDemo: z.boolean().default(false),
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const MIN_PASSWORD_LENGTH = 12;

export const userInput = z.object({
  email: z.string({ error: 'Enter an email address' }).trim().toLowerCase().pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' })),
  name: trimmed('the person\'s name'),
  roles: z.array(z.enum(ROLES, { error: (issue) => `"${String(issue.input)}" is not a role: use one of ${ROLES.join(', ')}` })),
  /** The organisation's code (E10000028) or id. */
  organisation: z.string().trim().min(1).optional(),
  /** The provider's id, for provider users. */
  provider: z.string().trim().min(1).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
});
export type UserInput = z.input<typeof userInput>;

/** An administrator's change to a person: name, roles, whether they may sign in, a new password. */
export const userChangeInput = z.object({
  name: trimmed('the person\'s name'),
  roles: z.array(z.enum(ROLES, { error: (issue) => `"${String(issue.input)}" is not a role: use one of ${ROLES.join(', ')}` })),
  active: z.boolean({ error: 'Choose whether the person can sign in' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
});
export type UserChangeInput = z.input<typeof userChangeInput>;

export const apiTokenInput = z.object({
  name: trimmed('a name for the token, so you know where it is used', 100),
});

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
  next: z.string().optional(),
});
