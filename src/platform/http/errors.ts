// Errors a use case can raise, and how each answers: a GOV.UK page for people, problem+json for the API.

import type { FieldError } from '../domain/field-error.ts';

export type { FieldError };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'There is no such record, or you do not have access to it.') {
    super(404, 'Not found', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have a role that allows this.') {
    super(403, 'Forbidden', message);
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message = 'Sign in, or send a valid API token as "Authorization: Bearer …".') {
    super(401, 'Unauthorised', message);
  }
}

export class ValidationError extends HttpError {
  constructor(fieldErrors: FieldError[], message = 'The request has problems: see errors.') {
    super(422, 'Unprocessable content', message, fieldErrors);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, fieldErrors: FieldError[] = []) {
    super(409, 'Conflict', message, fieldErrors);
  }
}

/** RFC 9457 problem details, with the failing fields. */
export function problemDetails(error: HttpError, instance: string) {
  return {
    type: `https://hearth.invalid/problems/${error.status}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance,
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
  };
}

/** The result of `work`, or null where it finds no such record (or none the viewer may see). */
export async function nullIfNotFound<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
