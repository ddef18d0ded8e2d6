// npm run bench:http: one council's pages and API lists under load, on the database Hearth is
// configured for (write it first with npm run seed:national). The servers run in a child process
// (bench/http/servers.ts); here autocannon keeps BENCH_CONNECTIONS (50) requests in flight at each
// endpoint for BENCH_SECONDS (10), then at the bare Fastify + pg server running the same statements,
// endpoint by endpoint, and prints throughput, the 50th/95th/99th percentiles and the ratio to bare.
// BENCH_SAVE=file keeps the figures; BENCH_COMPARE=file prints each throughput as a share of a
// saved run's (PGlite's as a share of PostgreSQL's, or one council's against 150).
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { BENCH_RATE_LIMIT, type Target } from './http/endpoints.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Figures {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

const percentile = (sorted: readonly number[], share: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const times: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, headers, connections: CONNECTIONS, duration: seconds, timeout: 30 },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, time) => {
      if (status === 200) times.push(time);
      else failed += 1;
    });
  });
  // The load stops with its connections' requests still running on the server: one more request,
  // queued behind them, is answered once they are done, so the next measurement starts on an idle server.
  await (await fetch(url, { headers })).arrayBuffer();
  times.sort((a, b) => a - b);
  return {
    throughput: times.length / (result.duration || seconds),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    failed: failed + result.errors + result.timeouts,
  };
}

const servers = fork(new URL('./http/servers.ts', import.meta.url));
const { kind, targets } = await new Promise<{ kind: string; targets: Target[] }>((resolve, reject) => {
  servers.once('message', (message) => resolve(message as { kind: string; targets: Target[] }));
  servers.once('exit', (code) => reject(new Error(`The servers stopped (${code})`)));
});
const compare = process.env.BENCH_COMPARE
  ? (JSON.parse(readFileSync(process.env.BENCH_COMPARE, 'utf8')) as Record<string, Figures>)
  : undefined;
console.log(
  `${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${CONNECTIONS} connections, ${SECONDS} s an endpoint; ` +
    `the rate limit is set to ${BENCH_RATE_LIMIT} a minute for this server so the load is not throttled`,
);
const head = ['endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'bare req/s', 'bare p95', 'of bare'];
if (compare) head.push(`of ${process.env.BENCH_COMPARE}`);
console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' --- ').join('|')}|`);
const saved: Record<string, Figures> = {};
for (const target of targets) {
  const label = `${target.kind === 'page' ? 'page' : 'API'} ${target.name}`;
  await load(target.app, target.headers, 1);
  const ours = await load(target.app, target.headers, SECONDS);
  const bare = target.bare ? await load(target.bare, {}, SECONDS) : undefined;
  saved[label] = ours;
  const cells = [
    `${label} (${target.statements} reads)${ours.failed ? ` ${ours.failed} failed` : ''}`,
    ours.throughput.toFixed(0),
    ours.p50.toFixed(0),
    ours.p95.toFixed(0),
    ours.p99.toFixed(0),
    bare ? `${bare.throughput.toFixed(0)}${bare.failed ? ` (${bare.failed} failed)` : ''}` : '-',
    bare ? bare.p95.toFixed(0) : '-',
    bare ? `${((ours.throughput / bare.throughput) * 100).toFixed(0)}%` : '-',
  ];
  if (compare) {
    const before = compare[label];
    cells.push(before ? `${((ours.throughput / before.throughput) * 100).toFixed(0)}%` : '-');
  }
  console.log(`| ${cells.join(' | ')} |`);
}
if (process.env.BENCH_SAVE) writeFileSync(process.env.BENCH_SAVE, JSON.stringify(saved, null, 2));
servers.send('stop');
