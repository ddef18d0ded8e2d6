// The plans of the statements each endpoint ran (BENCH_PLANS=file): EXPLAIN ANALYZE of each, on
// the database being measured, written as Markdown with the time each took: the three slowest of
// each endpoint (its main query among them), slowest first.
import { writeFileSync } from 'node:fs';
import type pg from 'pg';
import type { Target } from './endpoints.ts';

export interface Statement {
  text: string;
  values?: unknown[];
}

export async function writePlans(
  pool: pg.Pool,
  file: string,
  targets: readonly Target[],
  captured: readonly Statement[][],
): Promise<void> {
  const sections: string[] = [];
  for (const [n, target] of targets.entries()) {
    const plans: { ms: number; text: string; plan: string }[] = [];
    for (const statement of captured[n]!) {
      const result = await pool.query(`explain (analyze, costs off) ${statement.text}`, statement.values);
      const plan = result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
      plans.push({ ms, text: statement.text, plan });
    }
    plans.sort((a, b) => b.ms - a.ms);
    plans.splice(3);
    sections.push(
      `## ${target.kind === 'page' ? 'Page' : 'API'}: ${target.name} (\`${target.path}\`)\n\n` +
        plans
          .map((p) => `${p.ms.toFixed(2)} ms\n\n\`\`\`sql\n${p.text}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\`\n`)
          .join('\n'),
    );
  }
  const head =
    '# Query plans at national scale\n\n' +
    `Written by \`BENCH_PLANS=${file} npm run bench:http\` on ${new Date().toISOString().slice(0, 10)}: for each ` +
    'page and API list the benchmark asks for, the three slowest statements Hearth ran to answer it, each with ' +
    'EXPLAIN ANALYZE on the database `npm run seed:national` writes (150 councils), asked for as the demo county. ' +
    "Times are from a busy shared machine; the shape of each plan is what matters: every query of a council's " +
    'records is found through an index that leads with the organisation id.\n\n';
  writeFileSync(file, head + sections.join('\n'));
}
