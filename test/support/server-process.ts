// Hearth as it runs in production: `hearth serve` in a process of its own, on a database it shares
// with the test (a data directory on PGlite, a scratch database on PostgreSQL when the suite runs there).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';
import { scratchPostgresDatabase, testingOnPostgres } from './test-database.ts';

const hearth = fileURLToPath(new URL('../../bin/hearth.js', import.meta.url));
const clock = fileURLToPath(new URL('./clock.ts', import.meta.url));

/** A database that outlives processes: what a server is pointed at, and how the test opens it itself. */
export interface ServerDatabase {
  kind: 'pglite' | 'postgres';
  /** The environment that points Hearth at it. */
  env: Record<string, string>;
  open(): Promise<Database>;
  remove(): Promise<void>;
}

export async function serverDatabase(): Promise<ServerDatabase> {
  if (testingOnPostgres) {
    const scratch = await scratchPostgresDatabase(process.env.TEST_DATABASE_URL!);
    return {
      kind: 'postgres',
      env: { DATABASE_URL: scratch.url },
      open: () => openDatabase({ kind: 'postgres', url: scratch.url }),
      remove: () => scratch.drop(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-server-'));
  return {
    kind: 'pglite',
    // An empty DATABASE_URL is no URL: the server takes the data directory even where the shell sets one.
    env: { HEARTH_DATA_DIR: dataDir, DATABASE_URL: '' },
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<number | NodeJS.Signals>;
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/**
 * Starts `hearth serve` on the test calendar (test/support/clock.ts) and waits until it listens,
 * or rejects with what it printed if it stops first.
 */
export async function startServer(database: ServerDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', clock, hearth, 'serve'], {
    env: { ...process.env, ...database.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)),
  );
  const listening = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (printed.includes('Hearth is running at')) resolve();
    };
    child.stdout!.on('data', check);
    void exited.then((how) => reject(new Error(`hearth serve stopped (${how}) before it listened:\n${printed}`)));
  });
  await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => printed,
    exited,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}

/** A JSON API call to a running server with a person's token: its status and body. */
export async function call(
  server: ServerProcess,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
