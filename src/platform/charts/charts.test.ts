import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { GOVUK_COLOURS, lineChart, stackedBarChart } from './charts.ts';
import { renderChart, unsafeSvgParts } from './render-chart.ts';

// A provider's visits on time per quarter: no return for Q2, and Q1 2027-28 still to come.
const visitsOnTime = (target?: { value: number; label: string }) =>
  lineChart({
    title: 'Visits on time',
    description: 'Acme Care met the 90% target in Q3 and Q4 2026-27; it sent no return for Q2.',
    xTitle: 'Quarter',
    yTitle: 'Visits on time',
    yFormat: 'percent',
    yDomain: [0, 100],
    series: [
      {
        name: 'Acme Care',
        points: [
          { x: 'Q1 2026-27', y: 82 },
          { x: 'Q2 2026-27', y: null },
          { x: 'Q3 2026-27', y: 91.5 },
          { x: 'Q4 2026-27', y: 95 },
          { x: 'Q1 2027-28', y: null },
        ],
      },
    ],
    target,
  });

const RAG = [
  { key: 'green', label: 'Green', colour: GOVUK_COLOURS.green },
  { key: 'amber', label: 'Amber', colour: GOVUK_COLOURS.orange },
  { key: 'red', label: 'Red', colour: GOVUK_COLOURS.red },
] as const;

const colours = stackedBarChart({
  title: 'Services by colour',
  description: 'Most services stayed green; one turned red on 2 December.',
  xTitle: 'Day',
  yTitle: 'Services',
  categories: [...RAG],
  points: [
    { x: '30 Nov', counts: { green: 20, amber: 4, red: 0 } },
    { x: '1 Dec', counts: { green: 21, amber: 3, red: 0 } },
    { x: '2 Dec', counts: { green: 21, amber: 2, red: 1 } },
  ],
});

/** The drawn items (paths or lines) inside the mark group of this kind, e.g. 'line', 'symbol', 'rect', 'rule'. */
function marks(svg: string, kind: string): string[] {
  const group = new RegExp(`<g class="mark-${kind} role-mark[^"]*">(.*?)</g>`, 'g');
  return [...svg.matchAll(group)].flatMap((match) => match[1]!.match(/<(path|line)[^>]*>/g) ?? []);
}

test('a line chart draws each figure as a point on its line, a missing figure leaving a gap', async () => {
  const { svg } = await renderChart(visitsOnTime());
  assert.equal(marks(svg, 'symbol').length, 3, 'one point for each of the three figures');
  const [line] = marks(svg, 'line');
  assert.match(line!, new RegExp(`stroke="${GOVUK_COLOURS.blue}"`));
  // Q1 stands alone (Q2 is missing), then Q3 joins Q4: the path starts afresh after the gap.
  assert.equal(/ d="([^"]*)"/.exec(line!)![1]!.match(/M/g)!.length, 2);
  for (const quarter of ['Q1', 'Q2', 'Q3', 'Q4', '2027-28']) assert.match(svg, new RegExp(`>${quarter}<`));
  assert.equal(marks(svg, 'rule').length, 0, 'no target line when none is given');
});

test('a target is drawn as a dashed red line across the chart, labelled with its value', async () => {
  const { svg } = await renderChart(visitsOnTime({ value: 90, label: 'Target' }));
  const [rule, ...others] = marks(svg, 'rule');
  assert.deepEqual(others, []);
  assert.match(rule!, new RegExp(`stroke="${GOVUK_COLOURS.red}"`));
  assert.match(rule!, /stroke-dasharray=/);
  assert.match(svg, />Target: 90%</);
});

test('a stacked bar chart draws one bar per category per day, in the category colours', async () => {
  const { svg } = await renderChart(colours);
  const bars = marks(svg, 'rect');
  assert.equal(bars.length, 9);
  for (const { colour } of RAG)
    assert.equal(bars.filter((bar) => bar.includes(`fill="${colour}"`)).length, 3, `three ${colour} bars`);
  for (const { label } of RAG) assert.match(svg, new RegExp(`>${label}<`), 'the legend names each category');
});

test('the table holds exactly the figures the chart draws, in the order given', () => {
  assert.deepEqual(visitsOnTime({ value: 90, label: 'Target' }).table, {
    head: ['Quarter', 'Acme Care', 'Target'],
    rows: [
      ['Q1 2026-27', '82%', '90%'],
      ['Q2 2026-27', 'No figure', '90%'],
      ['Q3 2026-27', '91.5%', '90%'],
      ['Q4 2026-27', '95%', '90%'],
      ['Q1 2027-28', 'No figure', '90%'],
    ],
  });
  assert.deepEqual(colours.table, {
    head: ['Day', 'Green', 'Amber', 'Red'],
    rows: [
      ['30 Nov', '20', '4', '0'],
      ['1 Dec', '21', '3', '0'],
      ['2 Dec', '21', '2', '1'],
    ],
  });
});

test('the SVG is one named image that fits its container and that a strict Content-Security-Policy lets through', async () => {
  for (const chart of [visitsOnTime({ value: 90, label: 'Target' }), colours]) {
    const { svg } = await renderChart(chart);
    const root = /^<svg [^>]*>/.exec(svg)![0];
    assert.match(root, / width="100%"/);
    assert.doesNotMatch(root, / height=/);
    assert.match(root, / viewBox="0 0 640 320"/);
    assert.match(root, / role="img"/);
    const [, title, description] = / aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/.exec(root)!;
    assert.ok(svg.includes(`<title id="${title}">${chart.title}</title>`));
    assert.ok(svg.includes(`<desc id="${description}">${chart.description}</desc>`));
    assert.equal(svg.match(/ role=/g)!.length, 1, 'its parts carry no roles of their own');
    assert.deepEqual(unsafeSvgParts(svg), []);
  }
});

test('anything a strict Content-Security-Policy would block is caught', () => {
  const unsafe = [
    '<rect style="fill:red"/>',
    '<style>rect{fill:red}</style>',
    '<script>alert(1)</script>',
    '<rect onclick="go()"/>',
    '<a href="https://example.org"><text>x</text></a>',
    '<image xlink:href="https://example.org/a.png"/>',
    '<rect fill="url(https://example.org/#g)"/>',
  ];
  for (const part of unsafe) assert.notDeepEqual(unsafeSvgParts(`<svg>${part}</svg>`), [], part);
  // Text that merely reads like an attribute is drawn, not obeyed.
  assert.deepEqual(unsafeSvgParts('<svg><text fill="#0b0c0c">style="x" onclick=</text></svg>'), []);
});

test('the chart macro shows the picture, its caption and its figures as a GOV.UK table', async () => {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(fileURLToPath(new URL('../../', import.meta.url))),
    {
      autoescape: true,
    },
  );
  const figure = await renderChart(colours);
  const html = env.renderString('{% from "platform/views/chart.njk" import chart %}{{ chart(figure) }}', { figure });
  assert.ok(html.includes(figure.svg), 'the SVG goes in as it is');
  assert.match(html, /<figcaption>[\s\S]*Services by colour[\s\S]*one turned red on 2 December\.[\s\S]*<\/figcaption>/);
  assert.match(
    html,
    /<div class="hearth-table-scroll" role="region" aria-label="Figures in the chart: Services by colour"/,
  );
  assert.match(html, /<caption class="govuk-table__caption[^"]*">Figures in the chart: Services by colour<\/caption>/);
  const cells = [
    ...html.matchAll(/<t[hd] scope="row" class="govuk-table__header">([^<]*)<|<td class="[^"]*">([^<]*)</g),
  ];
  assert.deepEqual(
    cells.map((cell) => cell[1] ?? cell[2]),
    colours.table.rows.flat(),
  );
});

test('the same figures are drawn once and kept; other figures are drawn afresh', async () => {
  const first = await renderChart(visitsOnTime());
  assert.equal(await renderChart(visitsOnTime()), first, 'the chart drawn before, not a new drawing');
  const other = await renderChart(visitsOnTime({ value: 80, label: 'Target' }));
  assert.notEqual(other, first);
  assert.match(other.svg, />Target: 80%</);
});
