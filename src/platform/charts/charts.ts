// Charts as data: each builder turns figures into a Vega-Lite specification in GOV.UK colours and
// the table of exactly those figures, for screen readers and for copying. render-chart.ts draws it.
import type { TopLevelSpec } from 'vega-lite';

export const GOVUK_COLOURS = {
  text: '#0b0c0c',
  blue: '#1d70b8',
  green: '#00703c',
  orange: '#f47738',
  red: '#d4351c',
  grey: '#505a5f',
  lightGrey: '#b1b4b6',
} as const;

const FONT = '"GDS Transport", arial, sans-serif';
/** The whole drawing, axes and legend included; the SVG scales down to the screen from here. */
const WIDTH = 640;
const HEIGHT = 320;
/** Lines take these in turn unless a series names its own colour. */
const SERIES_COLOURS = [GOVUK_COLOURS.blue, GOVUK_COLOURS.text, GOVUK_COLOURS.green, GOVUK_COLOURS.orange];

export interface ChartTable {
  head: string[];
  rows: string[][];
}

/** A chart ready to draw: its specification and the figures it shows. */
export interface Chart {
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  spec: TopLevelSpec;
  table: ChartTable;
}

interface Labels {
  title: string;
  description: string;
  xTitle: string;
  yTitle: string;
}

export interface LineSeries {
  name: string;
  colour?: string;
  /** x is an ordinal label (e.g. "Q1 2026-27"), drawn in the order given; a null y leaves a gap. */
  points: { x: string; y: number | null }[];
}

export interface LineChartInput extends Labels {
  series: LineSeries[];
  target?: { value: number; label: string };
  yDomain?: [number, number];
  /** 'percent' takes whole percentages (85 is 85%); 'count' draws whole numbers. */
  yFormat?: 'percent' | 'count';
}

export interface StackedBarCategory<Key extends string> {
  key: Key;
  label: string;
  colour: string;
}

export interface StackedBarChartInput<Key extends string> extends Labels {
  /** Stacked from the bottom up in this order, and listed in the legend in this order. */
  categories: StackedBarCategory<Key>[];
  /** x is an ordinal label (e.g. "1 Dec"), drawn in the order given. */
  points: { x: string; counts: Record<Key, number> }[];
}

/** An x label on two lines, split at its last space ("Q1 2026-27" over "Q1" and "2026-27"), so more fit side by side. */
const TWO_LINES =
  "indexof(datum.label, ' ') > 0 ? [substring(datum.label, 0, lastindexof(datum.label, ' ')), " +
  "substring(datum.label, lastindexof(datum.label, ' ') + 1)] : datum.label";

const NO_FIGURE = 'No figure';

function formatFigure(value: number, format: 'percent' | 'count' | undefined): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: format === 'count' ? 0 : 1 });
  return format === 'percent' ? `${text}%` : text;
}

/** The look every chart shares: GOV.UK type and colours, light gridlines, no chart border. */
function frame(labels: Labels, xs: string[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
    config: {
      // The SVG is one image named by its title and description; its parts need no roles of their own.
      aria: false,
      font: FONT,
      view: { stroke: null },
      axis: {
        labelColor: GOVUK_COLOURS.text,
        titleColor: GOVUK_COLOURS.text,
        labelFontSize: 14,
        titleFontSize: 16,
        titleFontWeight: 'bold',
        domainColor: GOVUK_COLOURS.grey,
        tickColor: GOVUK_COLOURS.grey,
        gridColor: GOVUK_COLOURS.lightGrey,
      },
      legend: {
        orient: 'bottom',
        direction: 'horizontal',
        labelColor: GOVUK_COLOURS.text,
        labelFontSize: 14,
        titleColor: GOVUK_COLOURS.text,
        titleFontSize: 14,
        symbolStrokeWidth: 3,
      },
    },
    // Ordinal labels, every one in the order given (even one with no figure), thinned out where they would overlap.
    x: {
      field: 'x',
      type: 'ordinal',
      scale: { domain: xs },
      title: labels.xTitle,
      axis: { labelAngle: 0, labelOverlap: 'greedy', labelExpr: TWO_LINES, grid: false },
    },
  } as const;
}

function distinctXs(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Each series as a line through its points (each point marked, so one between gaps still shows), with an optional target line. */
export function lineChart(input: LineChartInput): Chart {
  const xs = distinctXs(input.series.flatMap((series) => series.points.map((point) => point.x)));
  const { x, ...look } = frame(input, xs);
  const colours = input.series.map((series, i) => series.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]!);
  const percent = input.yFormat === 'percent';
  const y = {
    field: 'y',
    type: 'quantitative',
    title: input.yTitle,
    scale: input.yDomain ? { domain: input.yDomain, nice: false } : { zero: true },
    axis: {
      labelExpr: percent ? "format(datum.value, ',~f') + '%'" : undefined,
      tickMinStep: input.yFormat === 'count' ? 1 : undefined,
      format: input.yFormat === 'count' ? ',d' : undefined,
    },
  } as const;
  const values = input.series.flatMap((series) => series.points.map((point) => ({ series: series.name, ...point })));
  const layers: unknown[] = [
    {
      data: { values },
      // A missing figure breaks the line rather than joining its neighbours.
      mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 3, invalid: 'break-paths-show-domains' },
      encoding: {
        x,
        y,
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: input.series.map((series) => series.name), range: colours },
          legend: input.series.length > 1 ? {} : null,
        },
      },
    },
  ];
  if (input.target) {
    const target = {
      value: input.target.value,
      label: `${input.target.label}: ${formatFigure(input.target.value, input.yFormat)}`,
    };
    layers.push(
      {
        data: { values: [target] },
        mark: { type: 'rule', color: GOVUK_COLOURS.red, strokeWidth: 2, strokeDash: [8, 4] },
        encoding: { y: { ...y, field: 'value' } },
      },
      {
        data: { values: [target] },
        mark: {
          type: 'text',
          align: 'right',
          baseline: 'bottom',
          dy: -4,
          x: 'width',
          color: GOVUK_COLOURS.text,
          fontSize: 14,
        },
        encoding: { y: { ...y, field: 'value' }, text: { field: 'label' } },
      },
    );
  }
  const figure = (series: LineSeries, at: string) => {
    const y = series.points.find((point) => point.x === at)?.y;
    return y === null || y === undefined ? NO_FIGURE : formatFigure(y, input.yFormat);
  };
  return {
    title: input.title,
    description: input.description,
    spec: { ...look, layer: layers } as TopLevelSpec,
    table: {
      head: [input.xTitle, ...input.series.map((series) => series.name), ...(input.target ? [input.target.label] : [])],
      rows: xs.map((at) => [
        at,
        ...input.series.map((series) => figure(series, at)),
        ...(input.target ? [formatFigure(input.target.value, input.yFormat)] : []),
      ]),
    },
  };
}

/** Counts per category stacked into one bar per x, bottom up in the categories' order. */
export function stackedBarChart<Key extends string>(input: StackedBarChartInput<Key>): Chart {
  const xs = distinctXs(input.points.map((point) => point.x));
  const { x, ...look } = frame(input, xs);
  const values = input.points.flatMap((point) =>
    input.categories.map((category, order) => ({
      x: point.x,
      category: category.label,
      order,
      count: point.counts[category.key],
    })),
  );
  return {
    title: input.title,
    description: input.description,
    spec: {
      ...look,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x,
        y: {
          field: 'count',
          type: 'quantitative',
          stack: 'zero',
          title: input.yTitle,
          axis: { tickMinStep: 1, format: ',d' },
        },
        color: {
          field: 'category',
          type: 'nominal',
          title: null,
          scale: {
            domain: input.categories.map((category) => category.label),
            range: input.categories.map((category) => category.colour),
          },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    } as TopLevelSpec,
    table: {
      head: [input.xTitle, ...input.categories.map((category) => category.label)],
      rows: input.points.map((point) => [
        point.x,
        ...input.categories.map((category) => formatFigure(point.counts[category.key], 'count')),
      ]),
    },
  };
}
