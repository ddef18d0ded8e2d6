// Messages: queued in the caller's transaction, sent by the job through GOV.UK Notify (a stand-in
// Notify on 127.0.0.1 that checks the client's signed token and can be made to fail) or a mail
// server (a stand-in SMTP server on 127.0.0.1, which nodemailer talks real SMTP to), kept in the
// outbox when neither is set up, and read by their recipients and their organisation's
// administrators only.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { users } from '../src/organisations/schema.ts';
import { runJob } from '../src/platform/jobs/scheduler.ts';
import { offerAnswered, offerMade, offFrameworkApprovalRequested } from '../src/notifications/domain/messages.ts';
import { messageSendingJob } from '../src/notifications/jobs.ts';
import { notifications } from '../src/notifications/schema.ts';
import { notifySender, smtpSender, type Sending } from '../src/notifications/senders.ts';
import { queueNotification, type NotificationInput } from '../src/notifications/service.ts';
import { PageSession, testWorld, type Seat, type TestWorld } from './support/test-app.ts';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `hearth_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const PUBLIC_URL = 'https://hearth.example.gov.uk';

interface NotifyRequest {
  issuer: string;
  body: {
    template_id: string;
    email_address: string;
    personalisation: { subject: string; body: string; link: string };
    reference?: string;
  };
}

const base64url = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/** The JWT Notify's client signs with the key's secret: HS256, issued by the service id, just now. */
function verifiedIssuer(authorization: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (JSON.parse(base64url(header)).alg !== 'HS256') return undefined;
  const claims = JSON.parse(base64url(payload)) as { iss: string; iat: number };
  return Math.abs(Date.now() / 1000 - claims.iat) < 30 ? claims.iss : undefined;
}

/** A stand-in GOV.UK Notify: POST /v2/notifications/email, answered 201 like Notify, or 500 when failing. */
async function notifyStandIn() {
  const requests: NotifyRequest[] = [];
  const state = { failing: false };
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'POST' || request.url !== '/v2/notifications/email')
        return answer(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
      const issuer = verifiedIssuer(request.headers.authorization);
      if (!issuer) return answer(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as NotifyRequest['body'];
      requests.push({ issuer, body });
      if (state.failing)
        return answer(500, { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] });
      const id = randomUUID();
      return answer(201, {
        id,
        reference: body.reference ?? null,
        content: { subject: body.personalisation.subject, body: body.personalisation.body, from_email: 'x@notify' },
        uri: `http://127.0.0.1/v2/notifications/${id}`,
        template: { id: body.template_id, version: 1, uri: `http://127.0.0.1/v2/template/${body.template_id}` },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface SmtpMail {
  from: string;
  to: string[];
  data: string;
}

/** A stand-in mail server speaking enough SMTP for nodemailer; when refusing, it turns recipients away. */
async function smtpStandIn() {
  const mails: SmtpMail[] = [];
  const state = { refusing: false };
  const server = createTcpServer((socket) => {
    let buffer = '';
    let mail: SmtpMail = { from: '', to: [], data: '' };
    let inData = false;
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 stand-in ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(mail);
            mail = { from: '', to: [], data: '' };
            say('250 2.0.0 queued');
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') socket.write('250-stand-in\r\n250 8BITMIME\r\n');
        else if (command === 'HELO') say('250 stand-in');
        else if (command === 'MAIL') {
          mail.from = line.slice(10);
          say('250 2.1.0 OK');
        } else if (command === 'RCPT') {
          const address = line.slice(8);
          if (state.refusing) say(`550 5.1.1 ${address}: Recipient address rejected`);
          else {
            mail.to.push(address);
            say('250 2.1.5 OK');
          }
        } else if (command === 'DATA') {
          inData = true;
          say('354 go ahead');
        } else if (command === 'RSET') {
          mail = { from: '', to: [], data: '' };
          say('250 OK');
        } else if (command === 'QUIT') {
          say('221 bye');
          socket.end();
        } else say('250 OK');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, mails, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let world: TestWorld;
let notify: Awaited<ReturnType<typeof notifyStandIn>>;
let ids: Record<Seat, string>;
const sessions = new Map<Seat, PageSession>();

before(async () => {
  world = await testWorld();
  notify = await notifyStandIn();
  const rows = await world.db.select({ id: users.id, email: users.email }).from(users);
  const byEmail = new Map(rows.map((row) => [row.email, row.id]));
  ids = Object.fromEntries(Object.entries(world.emails).map(([seat, email]) => [seat, byEmail.get(email)!])) as Record<
    Seat,
    string
  >;
});
after(async () => {
  await notify.close();
  await world.close();
});
beforeEach(async () => {
  // Each test starts with no messages, so a job run sends only that test's.
  await world.db.delete(notifications);
  notify.requests.length = 0;
  notify.state.failing = false;
});

async function session(seat: Seat): Promise<PageSession> {
  if (!sessions.has(seat)) {
    const page = new PageSession(world.app);
    assert.equal((await page.signIn(world.emails[seat])).statusCode, 302, `${seat} signs in`);
    sessions.set(seat, page);
  }
  return sessions.get(seat)!;
}

/** A clock the test moves: the job reads it for what is due and when to try again. */
function clock(start = new Date(Date.now() + 1000)) {
  let now = start;
  return {
    now: () => now,
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

const notifySending = (): Sending => ({
  sender: notifySender({ kind: 'notify', apiKey: API_KEY, templateId: TEMPLATE_ID, baseUrl: notify.url }),
  publicUrl: PUBLIC_URL,
});

const offerFacts = () =>
  offerMade({
    organisationName: 'Staffordshire County Council',
    providerName: 'Heron Supported Living Ltd',
    lastDay: '2026-11-24',
    page: `/offers/${randomUUID()}`,
  });

function queue(input: Partial<NotificationInput> = {}) {
  return world.db.transaction((tx) =>
    queueNotification(tx, {
      event: `offer-made:${randomUUID()}`,
      organisationId: world.councilId,
      recipients: { providerUsersOf: world.providerId },
      message: offerFacts(),
      ...input,
    }),
  );
}

const rowsOf = (event?: string) =>
  event
    ? world.db
        .select()
        .from(notifications)
        .where(inArray(notifications.idempotencyKey, [event]))
    : world.db.select().from(notifications);

describe('queueing', () => {
  test("a message is queued in the caller's transaction: rolled back, there is no message", async () => {
    await assert.rejects(
      world.db.transaction(async (tx) => {
        const queued = await queueNotification(tx, {
          event: 'offer-made:rolled-back',
          organisationId: world.councilId,
          recipients: { providerUsersOf: world.providerId },
          message: offerFacts(),
        });
        assert.equal(queued, 1);
        throw new Error('the action failed after queueing');
      }),
      /the action failed/,
    );
    assert.equal((await rowsOf()).length, 0);
  });

  test("recipients are a provider's active people, an organisation's role holders, or particular people", async () => {
    const spare = randomUUID();
    await world.db.insert(users).values({
      id: spare,
      email: 'left-the-provider@example.com',
      name: 'Left',
      roles: ['provider_user'],
      providerId: world.providerId,
      active: false,
      createdAt: new Date(),
    });
    assert.equal(await queue({ event: 'to-provider' }), 1, "only the provider's active person");
    assert.equal(
      await queue({ event: 'to-commissioners', recipients: { organisation: world.councilId, role: 'commissioner' } }),
      1,
      "only this council's commissioner",
    );
    assert.equal(
      await queue({
        event: 'to-some',
        recipients: [
          { users: [ids.brokerage_officer, ids.brokerage_officer, spare] },
          { providerUsersOf: world.providerId },
        ],
      }),
      2,
      'each person once, and nobody deactivated',
    );
    const rows = await rowsOf();
    const to = (prefix: string) =>
      rows
        .filter((row) => row.idempotencyKey.startsWith(`${prefix}:`))
        .map((row) => row.recipientEmail)
        .sort();
    assert.deepEqual(to('to-provider'), [world.emails.provider_user]);
    assert.deepEqual(to('to-commissioners'), [world.emails.commissioner]);
    assert.deepEqual(to('to-some'), [world.emails.brokerage_officer, world.emails.provider_user].sort());
    for (const row of rows) {
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 0);
      assert.equal(row.organisationId, world.councilId);
    }
  });

  test('a message links only to a page in Hearth', async () => {
    await assert.rejects(queue({ message: { ...offerFacts(), link: 'https://elsewhere.example/' } }));
    assert.equal((await rowsOf()).length, 0);
  });
});

describe('sending through GOV.UK Notify', () => {
  test('the job sends queued messages with the template and its personalisation, and marks them sent', async () => {
    const message = offerFacts();
    await queue({ event: 'offer-made:1', message, recipients: { users: [ids.provider_user, ids.commissioner] } });
    const time = clock();
    const summary = await runJob(world.db, messageSendingJob(notifySending, time.now));
    assert.match(summary, /^2 sent, 0 to try again, 0 failed, 0 kept in the outbox$/);

    assert.equal(notify.requests.length, 2);
    const rows = await rowsOf();
    for (const request of notify.requests) {
      assert.equal(request.issuer, SERVICE_ID, 'signed with the key, issued by the service');
      assert.equal(request.body.template_id, TEMPLATE_ID);
      assert.deepEqual(request.body.personalisation, {
        subject: message.subject,
        body: message.body,
        link: `${PUBLIC_URL}${message.link}`,
      });
      const row = rows.find((r) => r.id === request.body.reference)!;
      assert.equal(request.body.email_address, row.recipientEmail);
    }
    assert.deepEqual(notify.requests.map((r) => r.body.email_address).sort(), [
      world.emails.commissioner,
      world.emails.provider_user,
    ]);
    for (const row of rows) {
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.equal(row.lastError, null);
      assert.deepEqual(row.sentAt, time.now());
    }

    // Nothing is left to send.
    assert.match(await runJob(world.db, messageSendingJob(notifySending, time.now)), /^0 sent/);
    assert.equal(notify.requests.length, 2);
  });

  test('the same event queued twice for a person is sent once', async () => {
    const message = offerFacts();
    assert.equal(await queue({ event: 'offer-made:twice', message }), 1);
    assert.equal(await queue({ event: 'offer-made:twice', message }), 0, 'the second is ignored');
    await runJob(world.db, messageSendingJob(notifySending, clock().now));
    assert.equal(await queue({ event: 'offer-made:twice', message }), 0, 'and so is a third, after sending');
    await runJob(world.db, messageSendingJob(notifySending, clock().now));
    assert.equal(notify.requests.length, 1);
    assert.equal((await rowsOf()).length, 1);
  });

  test('a refused send is tried again after 1, 5, 30 and 120 minutes, fails at the fifth try, and the administrators see it', async () => {
    notify.state.failing = true;
    const message = offFrameworkApprovalRequested({ providerName: 'Kestrel Care Ltd', page: '/referrals/x' });
    await queue({
      event: 'off-framework:1',
      message,
      recipients: { organisation: world.councilId, role: 'commissioner' },
    });
    const [row] = await rowsOf();
    const time = clock();
    const job = messageSendingJob(notifySending, time.now);
    const states: [string, number, number | null][] = [];
    const record = async () => {
      const [now] = await world.db.select().from(notifications).where(eq(notifications.id, row!.id));
      const wait = now!.nextAttemptAt
        ? Math.round((now!.nextAttemptAt.getTime() - time.now().getTime()) / 60_000)
        : null;
      states.push([now!.status, now!.attempts, wait]);
      return now!;
    };

    const first = await runJob(world.db, job);
    assert.match(first, new RegExp(`^0 sent, 1 to try again, 0 failed.*${row!.id} \\(GOV.UK Notify answered 500`));
    assert.ok(!first.includes(world.emails.commissioner), 'the log names the message, not the address');
    await record();
    for (const minutes of [1, 5, 30, 120]) {
      time.advance(minutes - 1);
      await runJob(world.db, job);
      assert.equal(notify.requests.length, states.length, `not tried again before ${minutes} minutes`);
      time.advance(1);
      await runJob(world.db, job);
      await record();
    }
    assert.deepEqual(states, [
      ['queued', 1, 1],
      ['queued', 2, 5],
      ['queued', 3, 30],
      ['queued', 4, 120],
      ['failed', 5, null],
    ]);
    const failed = await record();
    assert.equal(failed.lastError, 'GOV.UK Notify answered 500: Exception: Internal server error');
    assert.equal(notify.requests.length, 5);
    time.advance(24 * 60);
    await runJob(world.db, job);
    assert.equal(notify.requests.length, 5, 'a failed message is not tried again');

    const admin = await session('administrator');
    const list = await admin.get('/admin/messages?status=failed');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(message.subject));
    assert.ok(list.body.includes('Could not be sent'));
    assert.ok(list.body.includes('GOV.UK Notify answered 500: Exception: Internal server error'));
    assert.ok(list.body.includes(world.emails.commissioner));
    assert.match(list.body, /govuk-table__cell--numeric">5</);
    const sentOnly = await admin.get('/admin/messages?status=sent');
    assert.ok(!sentOnly.body.includes(message.subject), 'filtered by status');
    const detail = await admin.get(`/admin/messages/${row!.id}`);
    assert.equal(detail.statusCode, 200);
    assert.ok(detail.body.includes('Internal server error'));
    assert.equal((await admin.get('/admin/messages?status=lost')).statusCode, 422);
  });

  test('a slow send holds no transaction, and two runs at once never send a message twice', async () => {
    await queue({ event: 'offer-made:slow' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const slow: Sending = {
      sender: {
        name: 'slow',
        async send(email) {
          sent.push(email.id);
          await held;
        },
      },
      publicUrl: PUBLIC_URL,
    };
    const time = clock();
    const first = runJob(
      world.db,
      messageSendingJob(() => slow, time.now),
    );
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // While the email is on its way, the database answers others, and a second run finds nothing due.
    const read = await Promise.race([
      rowsOf().then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('blocked'), 2000)),
    ]);
    assert.equal(read, 'answered');
    assert.match(
      await runJob(
        world.db,
        messageSendingJob(() => slow, time.now),
      ),
      /^0 sent/,
    );
    release();
    assert.match(await first, /^1 sent/);
    assert.equal(sent.length, 1);
    assert.equal((await rowsOf())[0]!.status, 'sent');
  });

  test('a failed send never holds up the action that queued it', async () => {
    notify.state.failing = true;
    await queue({ event: 'offer-made:while-down' });
    assert.equal((await rowsOf()).length, 1, 'the action and its message are kept');
    await runJob(world.db, messageSendingJob(notifySending, clock().now));
    assert.equal((await rowsOf())[0]!.status, 'queued');
  });
});

describe('sending through SMTP', () => {
  test('nodemailer sends through the mail server, and a refusal is kept without the address', async () => {
    const smtp = await smtpStandIn();
    try {
      const sending = (): Sending => ({
        sender: smtpSender({
          kind: 'smtp',
          url: `smtp://127.0.0.1:${smtp.port}`,
          from: 'Hearth <hearth@example.gov.uk>',
        }),
        publicUrl: PUBLIC_URL,
      });
      const message = offerAnswered({ providerName: 'Kestrel Care Ltd', answer: 'declined', page: '/referrals/y' });
      await queue({ event: 'answered:1', message, recipients: { users: [ids.brokerage_officer] } });
      const time = clock();
      assert.match(await runJob(world.db, messageSendingJob(sending, time.now)), /^1 sent/);
      assert.equal(smtp.mails.length, 1);
      const [mail] = smtp.mails;
      assert.equal(mail!.from, '<hearth@example.gov.uk>');
      assert.deepEqual(mail!.to, [`<${world.emails.brokerage_officer}>`]);
      assert.match(mail!.data, /^Subject: Kestrel Care Ltd has declined an offer$/m);
      assert.ok(mail!.data.includes(`${PUBLIC_URL}/referrals/y`));
      assert.equal((await rowsOf())[0]!.status, 'sent');

      smtp.state.refusing = true;
      await queue({ event: 'answered:2', message, recipients: { users: [ids.brokerage_officer] } });
      await runJob(world.db, messageSendingJob(sending, time.now));
      const [refused] = await rowsOf('answered:2:' + ids.brokerage_officer);
      assert.equal(refused!.status, 'queued');
      assert.equal(refused!.attempts, 1);
      assert.match(refused!.lastError!, /^SMTP EENVELOPE 550: .*Recipient address rejected/);
      assert.ok(!refused!.lastError!.includes('@'), 'no address in the reason');
    } finally {
      await smtp.close();
    }
  });
});

describe('the outbox and reading messages', () => {
  test('with no sender, messages go to the outbox, which only their organisation’s administrators read', async () => {
    const message = offFrameworkApprovalRequested({ providerName: 'Kestrel Care Ltd', page: '/referrals/z' });
    await queue({
      event: 'off-framework:2',
      message,
      recipients: { organisation: world.councilId, role: 'commissioner' },
    });
    const summary = await runJob(
      world.db,
      messageSendingJob(() => ({ sender: undefined, publicUrl: PUBLIC_URL }), clock().now),
    );
    assert.equal(summary, '0 sent, 0 to try again, 0 failed, 1 kept in the outbox');
    const [row] = await rowsOf();
    assert.equal(row!.status, 'outbox');

    const admin = await session('administrator');
    const list = await admin.get('/admin/messages');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(message.subject));
    assert.ok(list.body.includes('In the outbox (not emailed)'));
    const detail = await admin.get(`/admin/messages/${row!.id}`);
    assert.equal(detail.statusCode, 200);
    assert.ok(detail.body.includes('asked to buy a package of care from Kestrel Care Ltd off framework'));
    assert.ok(detail.body.includes('/referrals/z'), 'the administrator sees where the message links to');
    assert.ok(!detail.body.includes('href="/referrals/z"'), 'but is offered no link to a referral they may not open');

    const otherAdmin = await session('other_council_administrator');
    const theirs = await otherAdmin.get('/admin/messages');
    assert.equal(theirs.statusCode, 200);
    assert.ok(!theirs.body.includes(message.subject), "another organisation's administrator does not see it");
    assert.equal((await otherAdmin.get(`/admin/messages/${row!.id}`)).statusCode, 404);
    assert.equal((await (await session('commissioner')).get('/admin/messages')).statusCode, 403);
  });

  test('a run takes at most 100 due messages, 25 at a time; the next run takes the rest', async () => {
    await world.db.transaction(async (tx) => {
      for (let n = 0; n < 110; n++)
        await queueNotification(tx, {
          event: `many:${n}`,
          organisationId: world.councilId,
          recipients: { users: [ids.commissioner] },
          message: offerFacts(),
        });
    });
    const job = messageSendingJob(() => ({ sender: undefined, publicUrl: PUBLIC_URL }), clock().now);
    assert.equal(await runJob(world.db, job), '0 sent, 0 to try again, 0 failed, 100 kept in the outbox');
    assert.equal(await runJob(world.db, job), '0 sent, 0 to try again, 0 failed, 10 kept in the outbox');
    const paged = await (await session('commissioner')).get('/messages');
    assert.match(paged.body, /110 messages, page 1 of 5/);
  });

  test('a person reads their own messages, newest first, and no one else’s', async () => {
    const older = offerAnswered({ providerName: 'Heron Supported Living Ltd', answer: 'accepted', page: '/r/1' });
    const newer = offerAnswered({ providerName: 'Kestrel Care Ltd', answer: 'declined', page: '/r/2' });
    await world.db.transaction(async (tx) => {
      const to = { users: [ids.brokerage_officer] };
      await queueNotification(
        tx,
        { event: 'a:1', organisationId: world.councilId, recipients: to, message: older },
        new Date(Date.now() - 60_000),
      );
      await queueNotification(tx, { event: 'a:2', organisationId: world.councilId, recipients: to, message: newer });
    });
    const officer = await session('brokerage_officer');
    const list = await officer.get('/messages');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Messages sent to you'));
    const [first, second] = [list.body.indexOf(newer.subject), list.body.indexOf(older.subject)];
    assert.ok(first > 0 && second > first, 'newest first');

    const [mine] = await rowsOf(`a:2:${ids.brokerage_officer}`);
    const page = await officer.get(`/messages/${mine!.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Kestrel Care Ltd has declined an offer of work.'));
    assert.ok(page.body.includes('href="/r/2"'));

    for (const seat of ['commissioner', 'administrator', 'provider_user'] as const) {
      const other = await session(seat);
      assert.equal((await other.get(`/messages/${mine!.id}`)).statusCode, 404, `${seat} does not read it`);
      assert.ok(!(await other.get('/messages')).body.includes(newer.subject));
    }
    assert.equal((await officer.get('/messages/not-a-message')).statusCode, 404);
  });
});
