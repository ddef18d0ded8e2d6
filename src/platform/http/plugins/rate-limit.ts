// How fast one person may go. Limits count per signed-in person (or API token's owner), so a
// council office behind one address is not throttled as one; signed-out requests count per
// address, and signing in has its own tight limit against guessing from many accounts. Stylesheets,
// scripts and images are not counted: an office behind one address loads them with every page, and
// a page whose stylesheet was refused is unusable.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { HttpError } from '../errors.ts';
import { isStaticFile } from '../../auth/guard.ts';

/** Sign-in attempts a minute from one address: generous for an office, tight for a script. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 60;

const keyOf = (request: FastifyRequest) => (request.user ? `user:${request.user.id}` : `address:${request.ip}`);

export async function setUpRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(fastifyRateLimit, {
    max: perMinute,
    timeWindow: '1 minute',
    // After the guard has said who is asking (it runs in the app's own preHandler, before the route's).
    hook: 'preHandler',
    keyGenerator: keyOf,
    allowList: (request) => isStaticFile(request),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'Too many requests', `Too many requests: wait ${context.after} and try again.`),
  });
}

/** The route options of the sign-in form's post. */
export const signInRateLimit = {
  rateLimit: {
    max: SIGN_IN_ATTEMPTS_PER_MINUTE,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}`,
  },
};
