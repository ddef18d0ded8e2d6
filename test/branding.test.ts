// Hearth is a council's or NHS body's service, not GOV.UK: no Crown, no GOV.UK name, the person's
// organisation in the header, and the footer links its administrators set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { DEMO_NHS } from '../src/demo/domain/demo-county.ts';
import { createOrganisation } from '../src/organisations/service.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { PageSession, PASSWORD, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;

/** What only GOV.UK itself may show. */
function assertNotGovUk(html: string, where: string) {
  for (const mark of [
    /GOV\.UK/,
    /Crown/i,
    /govuk-footer__crown/,
    /govuk-logo/,
    /Open Government Licence/,
    /govuk-icon/,
  ]) {
    assert.doesNotMatch(html, mark, `${where} shows ${mark}`);
  }
}

const signedIn = async (email: string) => {
  const session = new PageSession(world.app);
  await session.signIn(email);
  return session;
};

before(async () => {
  world = await testWorld();
});
after(() => world.close());

describe('branding', () => {
  test('no page shows the Crown or GOV.UK, signed in or out; the header names the organisation', async () => {
    assertNotGovUk((await world.app.inject({ method: 'GET', url: '/sign-in' })).body, 'sign-in');
    const commissioner = await signedIn(world.emails.commissioner);
    const home = (await commissioner.get('/')).body;
    assertNotGovUk(home, 'home');
    assert.match(home, /<span class="hearth-header__organisation">Staffordshire County Council<\/span>/);
    assert.match(home, /govuk-service-navigation__service-name[\s\S]*Hearth/);
    const provider = await signedIn(world.emails.provider_user);
    const providerHome = (await provider.get('/providers')).body;
    assertNotGovUk(providerHome, 'a provider page');
    assert.match(providerHome, /<span class="hearth-header__organisation">Heron Supported Living Ltd<\/span>/);
  });

  test("an administrator sets the footer's links; bad ones are refused by field; others' footers are their own", async () => {
    const administrator = await signedIn(world.emails.administrator);
    const form = await administrator.get('/admin/organisation');
    assert.equal(form.statusCode, 200);
    const refused = await administrator.post('/admin/organisation', {
      accessibilityStatementUrl: 'javascript:alert(1)',
      privacyNoticeUrl: 'http://www.staffordshire.gov.uk/privacy',
      contactEmail: 'not an email',
      contactPhone: 'call us',
    });
    assert.equal(refused.statusCode, 400);
    for (const field of ['accessibilityStatementUrl', 'privacyNoticeUrl', 'contactEmail', 'contactPhone'])
      assert.match(refused.body, new RegExp(`<a href="#${field}">`), field);
    assert.doesNotMatch(refused.body, /href="javascript:/);

    const saved = await administrator.post('/admin/organisation', {
      accessibilityStatementUrl: 'https://www.staffordshire.gov.uk/hearth/accessibility',
      privacyNoticeUrl: 'https://www.staffordshire.gov.uk/privacy',
      contactEmail: 'commissioning@staffordshire.gov.uk',
      contactPhone: '01785 223121',
    });
    assert.equal(saved.headers.location, '/admin/organisation');
    const commissioner = await signedIn(world.emails.commissioner);
    const footer = (await commissioner.get('/vehicles')).body.split('<footer')[1]!;
    assert.match(footer, /href="https:\/\/www\.staffordshire\.gov\.uk\/hearth\/accessibility">Accessibility statement/);
    assert.match(footer, /href="https:\/\/www\.staffordshire\.gov\.uk\/privacy">Privacy notice/);
    assert.match(footer, /href="mailto:commissioning@staffordshire\.gov\.uk"/);
    assert.match(footer, /Telephone: 01785 223121/);
    assert.match(footer, /Hearth, run by Staffordshire County Council/);

    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.doesNotMatch((await kent.get('/vehicles')).body, /staffordshire\.gov\.uk/);
    const audit = (await administrator.get('/audit')).body;
    assert.match(audit, /organisation\.footer-changed/);
    // Only administrators set it.
    assert.equal((await commissioner.post('/admin/organisation', { contactPhone: '01785 000000' })).statusCode, 403);
  });

  test("an NHS body's demo is not called a council", async () => {
    const icb = await createOrganisation(world.db, commandLineActor, { ...DEMO_NHS, isDemo: true });
    await createUser(world.db, commandLineActor, {
      email: 'chc@icb.example',
      name: 'Continuing Care Lead',
      roles: ['commissioner'],
      organisation: icb.code,
      password: PASSWORD,
    });
    const body = (await (await signedIn('chc@icb.example')).get('/')).body;
    assert.match(body, /NHS Wyvern Vale Integrated Care Board \(demo\) is a fictional NHS body/);
    assert.doesNotMatch(body, /fictional council/);
  });
});
