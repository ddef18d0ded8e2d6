// The CSV template a provider downloads for one membership's quarter, fills in and uploads: one row
// per KPI asked for, with the quarter on every row so a file for another quarter is refused.
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../platform/domain/field-error.ts';
import { toCsv } from '../platform/http/csv.ts';

export const TEMPLATE_COLUMNS = [
  'quarter',
  'kpi_id',
  'kpi',
  'numerator_counts',
  'numerator',
  'denominator_counts',
  'denominator',
] as const;

export interface TemplateKpi {
  id: string;
  name: string;
  numeratorLabel: string;
  denominatorLabel: string;
}

/** The template: the figures already returned where there are some, else blank for the provider to fill in. */
export function templateCsv(
  quarter: string,
  kpis: readonly TemplateKpi[],
  figures: ReadonlyMap<string, { numerator: number; denominator: number }>,
): string {
  return toCsv(
    kpis.map((kpi) => ({
      quarter,
      kpi_id: kpi.id,
      kpi: kpi.name,
      numerator_counts: kpi.numeratorLabel,
      numerator: figures.get(kpi.id)?.numerator ?? '',
      denominator_counts: kpi.denominatorLabel,
      denominator: figures.get(kpi.id)?.denominator ?? '',
    })),
    [...TEMPLATE_COLUMNS],
  );
}

/** A figure as typed: a whole number stays a number, anything else stays what was typed. */
const figure = (typed: string | undefined): number | string | null => {
  const text = (typed ?? '').trim();
  if (text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : text;
};

export interface UploadedFigures {
  kpiId: string;
  /** The line of the file, counting the header as line 1. */
  line: number;
  numerator: number | string | null;
  denominator: number | string | null;
}

/**
 * The rows of an uploaded template, or the problems that stop it being read at all: not CSV, the
 * columns renamed or missing, another quarter's file. The figures themselves are checked by the
 * service, against each row and column.
 */
export function readTemplate(
  content: Buffer | string,
  quarter: string,
): { rows: UploadedFigures[]; problems: FieldError[] } {
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch {
    return { rows: [], problems: [{ field: 'file', message: 'The file must be the CSV template, saved as CSV' }] };
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = TEMPLATE_COLUMNS.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0)
    return {
      rows: [],
      problems: [
        {
          field: 'file',
          message:
            records.length === 0
              ? 'The file has no rows: fill in the template’s rows'
              : `The file is missing the template’s columns: ${missing.join(', ')}`,
        },
      ],
    };
  const problems: FieldError[] = records.flatMap((record, index) =>
    record.quarter === quarter
      ? []
      : [
          {
            field: `row ${index + 2}, column quarter`,
            message: `Row ${index + 2} is for ${record.quarter || 'no quarter'}, not ${quarter}: use this quarter’s template`,
          },
        ],
  );
  const rows = records.map((record, index) => ({
    kpiId: record.kpi_id ?? '',
    line: index + 2,
    numerator: figure(record.numerator),
    denominator: figure(record.denominator),
  }));
  return { rows, problems };
}
