// Type guards for checking JSON that arrives from a file or request before the pure rules use it.

// Control characters other than tab, newline and carriage return: PostgreSQL cannot store NUL in
// text or JSON, and no one means to type the rest.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const hasControlCharacters = (value: string): boolean => CONTROL_CHARACTERS.test(value);

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && !hasControlCharacters(value);
export const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
export const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
