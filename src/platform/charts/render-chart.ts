// Draws a chart (charts.ts) as an SVG string on the server with Vega, ready to put inline in a page:
// it scales to its container, names itself for screen readers, and carries nothing the pages'
// Content-Security-Policy would block (no style, script, event handler or link).
import { createHash } from 'node:crypto';
import type { Chart, ChartTable } from './charts.ts';

export interface RenderedChart {
  svg: string;
  title: string;
  description: string;
  /** The figures the chart draws, row by row, for the table beside it. */
  table: ChartTable;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What in an SVG a strict Content-Security-Policy would block or a page should not take in: none, or each found. */
export function unsafeSvgParts(svg: string): string[] {
  const found: string[] = [];
  // Text is escaped, so every "<" starts a real tag; only tags are looked in.
  for (const [tag] of svg.matchAll(/<[^>]*>/g)) {
    if (/^<\/?(style|script|foreignObject|image|use|a)\b/i.test(tag)) found.push(tag);
    else if (/\s(style|on[a-z]+|href|xlink:href|src)\s*=|url\(/i.test(tag)) found.push(tag);
  }
  return found;
}

/** Vega's SVG opens with a fixed width and height; this one fills its container, keeping its shape, and is one named image. */
function fitAndName(svg: string, chart: Chart, key: string): string {
  const viewBox = /^<svg [^>]*viewBox="([^"]+)"[^>]*>/.exec(svg);
  if (!viewBox) throw new Error('Vega drew an SVG without a viewBox');
  const id = `chart-${key.slice(0, 10)}`;
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="${viewBox[1]}" role="img" focusable="false"` +
    ` aria-labelledby="${id}-title" aria-describedby="${id}-description">` +
    `<title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-description">${escapeXml(chart.description)}</desc>`;
  // Inside one image its parts are only drawing: Vega's own roles for them would be read out as clutter.
  const drawing = svg.slice(viewBox[0].length).replace(/ (role|aria-[a-z]+)="[^"]*"/g, '');
  return open + drawing;
}

async function draw(chart: Chart, key: string): Promise<RenderedChart> {
  // Loaded on first use: Vega takes a third of a second to load, which a command or page without charts need not wait for.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none' });
  let drawn: string;
  try {
    drawn = await view.toSVG();
  } finally {
    view.finalize();
  }
  const svg = fitAndName(drawn, chart, key);
  const unsafe = unsafeSvgParts(svg);
  if (unsafe.length)
    throw new Error(`The chart "${chart.title}" drew parts a page may not show: ${unsafe.slice(0, 3).join(' ')}`);
  return { svg, title: chart.title, description: chart.description, table: chart.table };
}

// Drawing costs far more than the queries behind a chart, and a chart is drawn from its figures
// alone, which change when ratings or returns do, not with each visit: the charts drawn last are
// kept by their content, so the same figures are drawn once, whoever asks.
const KEPT_CHARTS = 200;
const drawnCharts = new Map<string, Promise<RenderedChart>>();

export function renderChart(chart: Chart): Promise<RenderedChart> {
  const key = createHash('sha256').update(JSON.stringify(chart)).digest('hex');
  const kept = drawnCharts.get(key);
  drawnCharts.delete(key);
  const rendered = kept ?? draw(chart, key);
  drawnCharts.set(key, rendered);
  if (!kept) rendered.catch(() => drawnCharts.delete(key));
  if (drawnCharts.size > KEPT_CHARTS) drawnCharts.delete(drawnCharts.keys().next().value!);
  return rendered;
}
