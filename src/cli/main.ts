// The `hearth` command line, for administrators and for our own checks.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { databaseTarget, readConfig } from '../config.ts';
import { openDatabase, type Db } from '../platform/db/client.ts';
import { DataDirInUseError } from '../platform/db/data-dir-lock.ts';
import { holdsDatabase } from '../platform/db/backup.ts';
import { commandLineActor, verifyAuditTrail } from '../platform/audit/service.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ROLES, type Role } from '../platform/domain/roles.ts';
import type { ImportFile } from '../providers/cqc-import.ts';
import { isIsoDate, NATIONS, type Nation } from '../platform/domain/calendar.ts';
import { highsSolver } from '../platform/optimisation/highs.ts';
import { bankHolidays, useExtraBankHolidays } from '../platform/reference/reference-data.ts';
import {
  standstill,
  standstillDateProblem,
  STANDSTILL_REGIMES,
  type StandstillRegime,
} from '../procurement/domain/standstill.ts';
import { allocateTiers, tierInputProblems, type TierInput } from '../procurement/domain/tier-allocation.ts';
import { matchingPlan, matchInputProblems, type MatchInput } from '../brokerage/domain/matching.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import { readSecret } from './prompt.ts';
import { addBackupCommands } from './backup-commands.ts';

/**
 * Runs a command against the database, and turns known failures into a message and exit code 1.
 * It says which database it opened; only a command that sets Hearth up (`creates`) may make a new
 * embedded one, so a mistyped folder is not read as an empty, intact Hearth.
 */
async function withDatabase(work: (db: Db) => Promise<number | void>, { creates = false } = {}): Promise<void> {
  let database;
  const target = databaseTarget(readConfig());
  if (target.kind === 'pglite') {
    if (!holdsDatabase(target.dataDir) && !creates) {
      console.error(
        `There is no Hearth database in ${target.dataDir}. Set HEARTH_DATA_DIR to the folder the service uses (or DATABASE_URL), or start Hearth there first.`,
      );
      process.exitCode = 1;
      return;
    }
    console.error(
      `${holdsDatabase(target.dataDir) ? 'Using' : 'Creating a new'} embedded database in ${target.dataDir}`,
    );
  } else {
    console.error('Using the PostgreSQL database at DATABASE_URL');
  }
  try {
    database = await openDatabase(target);
    process.exitCode = (await work(database.db)) ?? 0;
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
    } else if (error instanceof HttpError) {
      console.error(error.message);
      for (const field of error.fieldErrors) console.error(`  ${field.field}: ${field.message}`);
    } else {
      throw error;
    }
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}

function readImportFiles(path: string): ImportFile[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((name) => name.toLowerCase().endsWith('.json'))
      .sort()
      .map((name) => ({ name, content: readFileSync(join(path, name)) }));
  }
  return [{ name: basename(path), content: readFileSync(path) }];
}

const program = new Command('hearth')
  .description(
    'Hearth: commissioning supported living.\nOn embedded PostgreSQL (./data, or HEARTH_DATA_DIR) unless DATABASE_URL is set.',
  )
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web service (PORT, default 3000)')
  .option('--demo', 'load the demo county when the database holds no organisation yet')
  .action(async (options: { demo?: boolean }) => {
    try {
      const { serve } = await import('../main.ts');
      await serve({ demo: options.demo ?? false });
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
  });

const organisation = program.command('organisation').description('councils and NHS bodies');
organisation
  .command('create')
  .description('add a council (by ONS GSS code) or an NHS body (by ODS code)')
  .requiredOption('--name <name>', 'its name')
  .requiredOption('--code <code>', 'GSS code for a council (E10000028), ODS code for an NHS body (QNC)')
  .addOption(new Option('--type <type>', 'council or nhs').choices(['council', 'nhs']).makeOptionMandatory())
  .action((options: { name: string; code: string; type: 'council' | 'nhs' }) =>
    withDatabase(
      async (db) => {
        const { createOrganisation } = await import('../organisations/service.ts');
        const created = await createOrganisation(db, commandLineActor, options);
        console.log(`Created ${created.name} (${created.code}), id ${created.id}`);
      },
      // Setting up a new Hearth starts here, on a database that does not exist yet.
      { creates: true },
    ),
  );

const user = program.command('user').description('people who use Hearth');
user
  .command('create')
  .description('add a person; the password comes from HEARTH_PASSWORD, or is asked for')
  .requiredOption('--email <email>', 'their email address, which they sign in with')
  .requiredOption('--name <name>', 'their full name')
  .addOption(
    new Option('--role <role>', 'a role they hold (repeat for several)')
      .choices([...ROLES])
      .argParser((value: string, previous: string[] = []) => [...previous, value])
      .makeOptionMandatory(),
  )
  .option('--organisation <code>', "their organisation's code (staff)")
  .option('--provider <id>', "their provider's id (provider users)")
  .option('--no-password', 'no password: they sign in through single sign-on only')
  .action(
    (options: {
      email: string;
      name: string;
      role: Role[];
      organisation?: string;
      provider?: string;
      password: boolean;
    }) =>
      withDatabase(async (db) => {
        const password = options.password
          ? (process.env.HEARTH_PASSWORD ?? (await readSecret(`Password for ${options.email}: `)))
          : undefined;
        const { createUser } = await import('../organisations/user-service.ts');
        const created = await createUser(db, commandLineActor, {
          email: options.email,
          name: options.name,
          roles: options.role,
          organisation: options.organisation,
          provider: options.provider,
          password,
        });
        console.log(`Created ${created.name} <${created.email}>, id ${created.id}`);
      }),
  );

const token = program.command('token').description('personal API tokens');
token
  .command('create')
  .description('print a new API token for a person (and nothing else)')
  .requiredOption('--email <email>', 'whose token')
  .option('--name <name>', 'what the token is for', 'command line')
  .action((options: { email: string; name: string }) =>
    withDatabase(async (db) => {
      const { createApiTokenForEmail } = await import('../organisations/account-service.ts');
      process.stdout.write(`${await createApiTokenForEmail(db, commandLineActor, options.email, options.name)}\n`);
    }),
  );

const person = program.command('person').description("a person's data");
person
  .command('export')
  .description(
    'write everything Hearth holds about one person for a subject access request: a PDF, or JSON where FILE ends .json',
  )
  .requiredOption('--organisation <code>', "the person's organisation's code")
  .requiredOption('--person <reference>', 'their case reference (or id)')
  .argument('<file>', 'where to write it: name.pdf or name.json')
  .action((path: string, options: { organisation: string; person: string }) =>
    withDatabase(async (db) => {
      const { subjectAccessExport } = await import('../records/export-service.ts');
      const { subjectAccessPdf } = await import('../records/export-pdf.ts');
      const requester = { commandLine: { organisationCode: options.organisation } };
      const data = await subjectAccessExport(db, requester, options.person);
      writeFileSync(
        path,
        path.toLowerCase().endsWith('.json') ? JSON.stringify(data, null, 2) : await subjectAccessPdf(data),
      );
      console.log(
        `Wrote ${path}: the record, ${data.placements.length} placements and ${data.audit.length} audit events`,
      );
    }),
  );

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('check the hash chain; exits 1 at the first broken link')
  .action(() =>
    withDatabase(async (db) => {
      const result = await verifyAuditTrail(db);
      if (result.broken) {
        console.error(
          `Audit trail broken at event ${result.broken.seq}: ${result.broken.problem}. ${result.events} events before it are intact.`,
        );
        return 1;
      }
      console.log(`Audit trail intact: ${result.events} events, head ${result.head}`);
      return 0;
    }),
  );

addBackupCommands(program);

const importCommand = program.command('import').description('bring in data from elsewhere');
importCommand
  .command('cqc')
  .description('import a CQC care directory CSV, a locations-with-ratings CSV, or a folder of CQC API JSON responses')
  .argument('<file>', 'the CSV file, or the folder of .json files')
  .option('--json', 'print the summary as JSON')
  .action((path: string, options: { json?: boolean }) =>
    withDatabase(async (db) => {
      const showProgress = process.stderr.isTTY && !options.json;
      const bar = new cliProgress.SingleBar(
        { format: 'Importing [{bar}] {percentage}% | {value}/{total} records', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const { importCqcFiles } = await import('../providers/cqc-import.ts');
      // Services' risk ratings read CQC's: this command does not load the app, so it puts quality's
      // listener in force itself, and the ratings change with the import as they do from the page.
      await import('../quality/risk-listener.ts');
      const summary = await importCqcFiles(
        db,
        commandLineActor,
        readImportFiles(path),
        showProgress
          ? (done, total) => {
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            }
          : undefined,
      );
      if (started) bar.stop();
      if (options.json) {
        const { created, updated, unchanged, rejected } = summary;
        console.log(
          JSON.stringify({
            created,
            updated,
            unchanged,
            rejected,
            providers: summary.providers,
            locations: summary.locations,
          }),
        );
        return 0;
      }
      const nothingChanged = summary.created === 0 && summary.updated === 0;
      console.log(
        `${summary.format} file: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected.`,
      );
      console.log(
        `  providers: ${summary.providers.created} created, ${summary.providers.updated} updated, ${summary.providers.unchanged} unchanged`,
      );
      console.log(
        `  services:  ${summary.locations.created} created, ${summary.locations.updated} updated, ${summary.locations.unchanged} unchanged`,
      );
      if (nothingChanged && summary.rejected.length === 0)
        console.log('Nothing changed: the registry already held everything in this file.');
      for (const rejection of summary.rejected)
        console.log(
          `  rejected ${rejection.file ? `${rejection.file} ` : ''}line ${rejection.line}: ${rejection.reason}`,
        );
      return 0;
    }),
  );

importCommand
  .command('fhrs')
  .description(
    "record the Food Standards Agency's food hygiene ratings (open data XML) of the organisation's contracted services, matched by postcode and name",
  )
  .argument('<file>', 'the FSA open data XML file of a local authority')
  .option('--organisation <code>', "the organisation's code (needed where Hearth holds more than one)")
  .action((path: string, options: { organisation?: string }) =>
    withDatabase(async (db) => {
      const { importFoodHygieneRatings } = await import('../quality/intelligence-import-service.ts');
      const summary = await importFoodHygieneRatings(
        db,
        commandLineActor,
        options.organisation,
        readFileSync(path, 'utf8'),
      );
      console.log(
        `${summary.organisation}: ${summary.read} establishments read, ${summary.matched} matched to services, ${summary.added} added, ${summary.alreadyRecorded} already recorded.`,
      );
      for (const rejection of summary.rejected)
        console.log(
          `  set aside establishment ${rejection.index}${rejection.fhrsId ? ` (FHRSID ${rejection.fhrsId})` : ''}: ${rejection.reason}`,
        );
      if (summary.unmatched.length > 0) console.log(`Not matched (${summary.unmatched.length}):`);
      for (const { fhrsId, businessName, postcode, reason } of summary.unmatched)
        console.log(`  ${fhrsId} ${businessName}, ${postcode ?? 'no postcode'}: ${reason}`);
      return 0;
    }),
  );

/** A command that needs no database: prints its result as JSON, or its problems and exits 1. */
function pure(work: () => Promise<unknown>): Promise<void> {
  return work().then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
    },
    (error: unknown) => {
      if (!(error instanceof CommandInputError)) throw error;
      for (const line of error.problems) console.error(line);
      process.exitCode = 1;
    },
  );
}

class CommandInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads a JSON file and checks it with a pure rule's own checker, refusing it with every problem. */
function readJsonInput<T>(path: string, problemsOf: (raw: unknown) => FieldError[]): T {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CommandInputError([`${path}: ${(error as Error).message}`]);
  }
  const problems = problemsOf(input);
  if (problems.length > 0)
    throw new CommandInputError(problems.map((problem) => `${problem.field || 'input'}: ${problem.message}`));
  return input as T;
}

program
  .command('tiers')
  .description(
    'allocate Tier 1 and Tier 2 by zone from a JSON file of zones, rule and scored bids; prints the allocation with its reasons',
  )
  .argument(
    '<file>',
    'the JSON file: {"zones":[{"id","tier1Places"}],"maxTier1ZonesPerProvider","qualityThreshold","rule","bids":[{"provider","zone","score"}]}',
  )
  .action((path: string) =>
    pure(async () => allocateTiers(readJsonInput<TierInput>(path, tierInputProblems), await highsSolver())),
  );

program
  .command('match')
  .description(
    'match waiting people to vacancies: the most placed, then the most with Tier 1 providers, then the lowest weekly price; compared with first come, first served',
  )
  .argument(
    '<file>',
    'the JSON file: {"referrals":[{"id","zone","band","needs","anyZone","incompatibleSchemes"}],"vacancies":[{"id","scheme","zone","band","features","providerTier","weeklyPricePence"}]}',
  )
  .action((path: string) => pure(async () => matchingPlan(readJsonInput<MatchInput>(path, matchInputProblems))));

program
  .command('standstill')
  .description('when standstill ends after an award notice, and the earliest contract date')
  .addOption(
    new Option(
      '--regime <regime>',
      'pcr2015: the date the award decision notice is sent; pa2023: the date the contract award notice is published',
    )
      .choices(STANDSTILL_REGIMES)
      .makeOptionMandatory(),
  )
  .requiredOption('--date <YYYY-MM-DD>', "the notice's date")
  .addOption(
    new Option('--nation <nation>', 'PCR 2015: whose bank holidays count')
      .choices(NATIONS)
      .default('england-and-wales'),
  )
  .action((options: { regime: StandstillRegime; date: string; nation: Nation }) =>
    pure(async () => {
      if (!isIsoDate(options.date))
        throw new CommandInputError([`--date: "${options.date}" is not a date written YYYY-MM-DD`]);
      useExtraBankHolidays(readConfig().bankHolidaysFile);
      const holidays = bankHolidays();
      const problem = standstillDateProblem(options.date, holidays);
      if (problem) throw new CommandInputError([`--date: ${problem}`]);
      const { regime, date, ends, earliestContractDate } = standstill(options.regime, options.date, holidays, {
        nation: options.nation,
      });
      return { regime, date, ends, earliestContractDate };
    }),
  );

await program.parseAsync();
