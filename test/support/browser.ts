// A real browser for journey tests: Debian's Chromium driven by playwright-core, with an axe-core
// accessibility check on every page. Where no Chromium is installed the tests are skipped, unless
// HEARTH_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { PASSWORD, testWorld, type TestWorld } from './test-app.ts';

export const CHROMIUM = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.HEARTH_REQUIRE_BROWSER === '1')
    throw new Error(`HEARTH_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return `no Chromium at ${CHROMIUM}: install Debian's chromium to run the browser tests`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Clicks something that loads a new page (a link, or a form's button) and waits until that page
 * has loaded. A bare click returns as soon as the click is dispatched, so checking the page
 * straight after it can catch the old document half torn down.
 */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
}

const problemsOf = new WeakMap<Page, string[]>();

/** Types an ISO date into the GOV.UK date input whose legend is `legend`. */
export async function fillDate(page: Page, legend: string, date: string) {
  const [year, month, day] = date.split('-').map(Number);
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(day));
  await group.getByLabel('Month').fill(String(month));
  await group.getByLabel('Year').fill(String(year));
}

/**
 * A new person's page, as a real browser enforces it (the Content-Security-Policy included), with
 * every blocked resource, console error, script error and failed request noted for the page checks.
 */
export async function watchedPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  problemsOf.set(page, problems);
  page.on('console', (message) => {
    // A form shown again with its errors is a 400 page; failed sub-resources are caught below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation the test itself cut short is not a failure of the page.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`failed request: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400)
      problems.push(`failed request: ${response.url()} ${response.status()}`);
  });
  return page;
}

/** Fails on anything the browser blocked or reported on this page, and checks GOV.UK's stylesheet applied. */
async function assertLoadedCleanly(page: Page): Promise<void> {
  const problems = problemsOf.get(page) ?? [];
  assert.deepEqual(problems.splice(0), [], `problems on ${page.url()}`);
  // Only govuk-frontend's stylesheet gives the service navigation its tinted background.
  const header = await page
    .locator('.govuk-service-navigation')
    .first()
    .evaluate((element) => getComputedStyle(element).backgroundColor);
  assert.notEqual(header, 'rgba(0, 0, 0, 0)', `the GOV.UK stylesheet did not apply on ${page.url()}`);
  await assertFitsNarrowScreen(page);
}

/** The smallest phone screen GOV.UK designs for. */
const NARROW = { width: 375, height: 667 };

/** On a 375-pixel screen the page does not scroll sideways: a wide table scrolls on its own. */
async function assertFitsNarrowScreen(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize(NARROW);
  try {
    const overflowing = await page.evaluate(
      (width) =>
        document.documentElement.scrollWidth > width
          ? [...document.querySelectorAll('main *')]
              .filter(
                (element) => element.getBoundingClientRect().right > width && !element.closest('.hearth-table-scroll'),
              )
              .slice(0, 3)
              .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
          : [],
      NARROW.width,
    );
    assert.deepEqual(overflowing, [], `${page.url()} is wider than a ${NARROW.width}-pixel screen`);
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** Runs axe-core on the page as it is now, and fails with each violation named; and fails on anything the browser blocked. */
export async function assertAccessible(page: Page): Promise<void> {
  await assertLoadedCleanly(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const results = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document);
    return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `accessibility problems on ${page.url()}`);
}

export interface Journey {
  world: TestWorld;
  page: Page;
  base: string;
  /** Opens a page of the app and checks it with axe. */
  visit(path: string): Promise<void>;
  /** Signs in through the sign-in page and waits to land on `landing`. */
  signIn(email: string, landing: string): Promise<void>;
  /**
   * Someone else at the keyboard: a new browser context, so no cookie of the last person can
   * come back (clearing cookies races with responses still setting them). Returns the new page.
   */
  nextPerson(): Promise<Page>;
}

/**
 * Sets up a file of browser journeys: a test world served on a free port, one browser, and a new
 * browser context (its own cookies, as a separate person) for each test. Returns the journey's
 * handles, filled in before each test runs.
 */
export function browserJourneys(skip: string | undefined): Journey {
  const journey = {} as Journey;
  let browser: Browser;
  before(async () => {
    if (skip) return;
    journey.world = await testWorld();
    await journey.world.app.listen({ port: 0, host: '127.0.0.1' });
    journey.base = `http://127.0.0.1:${(journey.world.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    if (skip) return;
    journey.page = await watchedPage(browser);
  });
  after(async () => {
    if (skip) return;
    await browser.close();
    await journey.world.close();
  });
  journey.visit = async (path) => {
    await journey.page.goto(`${journey.base}${path}`);
    await assertAccessible(journey.page);
  };
  journey.nextPerson = async () => {
    await journey.page.context().close();
    journey.page = await watchedPage(browser);
    return journey.page;
  };
  journey.signIn = async (email, landing) => {
    const { page } = journey;
    await page.goto(`${journey.base}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
    await page.waitForURL(`${journey.base}${landing}`);
    await assertAccessible(page);
  };
  return journey;
}
