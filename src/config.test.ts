import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listenAddress, readConfig } from './config.ts';

test('HEARTH_TRUST_PROXY trusts exactly the hops or addresses it names, never every hop', () => {
  assert.equal(readConfig({}).trustProxy, false);
  assert.equal(readConfig({ HEARTH_TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(readConfig({ HEARTH_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(readConfig({ HEARTH_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).trustProxy, ['10.0.0.5', '10.0.1.0/24']);
  assert.throws(() => readConfig({ HEARTH_TRUST_PROXY: 'true' }), /number of proxy hops/);
});

test('HEARTH_RATE_LIMIT is a whole number of requests a minute', () => {
  assert.equal(readConfig({}).rateLimitPerMinute, 1200);
  assert.equal(readConfig({ HEARTH_RATE_LIMIT: '300' }).rateLimitPerMinute, 300);
  assert.throws(() => readConfig({ HEARTH_RATE_LIMIT: 'lots' }), /HEARTH_RATE_LIMIT must be a whole number/);
});

test('HOST is the address to listen on; unset, the server decides (the demo: this machine only)', () => {
  assert.equal(readConfig({}).host, undefined);
  assert.equal(readConfig({ HOST: '' }).host, undefined);
  assert.equal(readConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  assert.equal(listenAddress(readConfig({}), true), '127.0.0.1');
  assert.equal(listenAddress(readConfig({}), false), '0.0.0.0');
  assert.equal(listenAddress(readConfig({ HOST: '0.0.0.0' }), true), '0.0.0.0');
});

const NOTIFY_KEY = 'hearth_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

test('HEARTH_PUBLIC_URL makes links absolute: http://localhost:3000 unless set, without a trailing slash', () => {
  assert.equal(readConfig({}).publicUrl, 'http://localhost:3000');
  assert.equal(
    readConfig({ HEARTH_PUBLIC_URL: 'https://hearth.example.gov.uk/' }).publicUrl,
    'https://hearth.example.gov.uk',
  );
  assert.equal(
    readConfig({ HEARTH_PUBLIC_URL: 'https://example.gov.uk/hearth/' }).publicUrl,
    'https://example.gov.uk/hearth',
  );
  assert.throws(
    () => readConfig({ HEARTH_PUBLIC_URL: 'hearth.example.gov.uk' }),
    /HEARTH_PUBLIC_URL must be a web address/,
  );
  assert.throws(
    () => readConfig({ HEARTH_PUBLIC_URL: 'ftp://example.gov.uk' }),
    /HEARTH_PUBLIC_URL must be a web address/,
  );
});

test('email goes through GOV.UK Notify when its key and template are set, else SMTP, else the outbox', () => {
  assert.deepEqual(readConfig({}).mail, { kind: 'outbox' });
  assert.deepEqual(readConfig({ HEARTH_NOTIFY_API_KEY: NOTIFY_KEY, HEARTH_NOTIFY_TEMPLATE_ID: TEMPLATE }).mail, {
    kind: 'notify',
    apiKey: NOTIFY_KEY,
    templateId: TEMPLATE,
    baseUrl: undefined,
  });
  const both = readConfig({
    HEARTH_NOTIFY_API_KEY: NOTIFY_KEY,
    HEARTH_NOTIFY_TEMPLATE_ID: TEMPLATE,
    HEARTH_NOTIFY_BASE_URL: 'http://127.0.0.1:6011/',
    HEARTH_SMTP_URL: 'smtp://mail.example:587',
    HEARTH_MAIL_FROM: 'hearth@example.gov.uk',
  }).mail;
  assert.deepEqual(both, {
    kind: 'notify',
    apiKey: NOTIFY_KEY,
    templateId: TEMPLATE,
    baseUrl: 'http://127.0.0.1:6011',
  });
  assert.deepEqual(
    readConfig({
      HEARTH_SMTP_URL: 'smtps://user:secret@mail.example:465',
      HEARTH_MAIL_FROM: 'Hearth <hearth@example.gov.uk>',
    }).mail,
    { kind: 'smtp', url: 'smtps://user:secret@mail.example:465', from: 'Hearth <hearth@example.gov.uk>' },
  );
});

test('a half-set sender is refused by the variable it lacks, and a secret is never repeated in the error', () => {
  assert.throws(() => readConfig({ HEARTH_NOTIFY_API_KEY: NOTIFY_KEY }), /HEARTH_NOTIFY_TEMPLATE_ID must be set too/);
  assert.throws(() => readConfig({ HEARTH_NOTIFY_TEMPLATE_ID: TEMPLATE }), /HEARTH_NOTIFY_API_KEY must be set too/);
  assert.throws(
    () => readConfig({ HEARTH_NOTIFY_API_KEY: 'not-a-key-secret-value', HEARTH_NOTIFY_TEMPLATE_ID: TEMPLATE }),
    (error: Error) => /must be a GOV.UK Notify API key/.test(error.message) && !error.message.includes('secret-value'),
  );
  assert.throws(
    () => readConfig({ HEARTH_NOTIFY_API_KEY: NOTIFY_KEY, HEARTH_NOTIFY_TEMPLATE_ID: 'welcome' }),
    /HEARTH_NOTIFY_TEMPLATE_ID must be a template id/,
  );
  assert.throws(
    () =>
      readConfig({
        HEARTH_NOTIFY_API_KEY: NOTIFY_KEY,
        HEARTH_NOTIFY_TEMPLATE_ID: TEMPLATE,
        HEARTH_NOTIFY_BASE_URL: 'api.notifications',
      }),
    /HEARTH_NOTIFY_BASE_URL must be a web address/,
  );
  assert.throws(() => readConfig({ HEARTH_SMTP_URL: 'smtp://mail.example:587' }), /HEARTH_MAIL_FROM must be set too/);
  assert.throws(
    () => readConfig({ HEARTH_SMTP_URL: 'mail.example:secret-password', HEARTH_MAIL_FROM: 'hearth@example.gov.uk' }),
    (error: Error) => /HEARTH_SMTP_URL must begin smtp:\/\//.test(error.message) && !error.message.includes('secret'),
  );
});
