// A header Node cannot send (a CR or LF in a redirect built from what someone typed) would throw
// while the response is being written, outside any handler, and take the process down with it.
// Checked before anything else sends: such a response becomes the error page instead.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { FastifyInstance } from 'fastify';

export function setUpSafeHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue;
      try {
        validateHeaderName(name);
        for (const item of [value].flat()) validateHeaderValue(name, String(item));
      } catch {
        // Not the value: it may be what an attacker sent.
        request.log.error({ header: name }, 'a response header could not be sent; answering with an error instead');
        reply.removeHeader(name);
        throw new Error(`The response header ${name} holds characters a header cannot carry`);
      }
    }
  });
}
