// An exercise's analysis as a council pastes it into a cabinet report: one row a cost line or
// result with its responses and quartiles, then the medians beside the rates compared. CSV
// (through the platform's safe writer) and XLSX (exceljs), the same rows in each; money in pounds.
import { toCsv } from '../platform/http/csv.ts';
import { isMoneyUnit, MINIMUM_RESPONSES, type LineUnit } from './domain/exercise.ts';
import type { ExerciseAnalysis } from './exercise-analysis-service.ts';
import { newWorkbook } from '../platform/documents/libraries.ts';

const HEADINGS = ['Group', 'Cost line', 'Unit', 'Responses', 'Lower quartile', 'Median', 'Upper quartile'];
const TOO_FEW = `Fewer than ${MINIMUM_RESPONSES} responses`;

/** A figure as the spreadsheet keeps it: pounds, hours or a percentage as a number. */
function exported(unit: LineUnit, value: number): number {
  if (isMoneyUnit(unit) || unit === 'basis-points') return value / 100;
  if (unit === 'minutes-per-week') return Math.round((value / 60) * 100) / 100;
  return value;
}

const UNIT_WORDS: Record<LineUnit, string> = {
  'pence-per-hour': '£ an hour',
  'pence-per-night': '£ a night',
  'pence-per-week': '£ a week',
  'pence-per-year': '£ a year',
  'minutes-per-week': 'hours a week',
  'basis-points': '%',
  count: 'number',
};

function figureRecords(analysis: ExerciseAnalysis): (string | number)[][] {
  return analysis.rows.map((row) => [
    row.group,
    row.label,
    UNIT_WORDS[row.unit],
    row.count,
    ...(row.quartiles
      ? [row.quartiles.lowerQuartile, row.quartiles.median, row.quartiles.upperQuartile].map((value) =>
          exported(row.unit, value),
        )
      : [TOO_FEW, '', '']),
  ]);
}

const filenameOf = (analysis: ExerciseAnalysis, extension: string) =>
  `cost-of-care-${analysis.exercise.serviceType}-${analysis.exercise.yearLabel.replace('/', '-')}.${extension}`;

export function analysisCsv(analysis: ExerciseAnalysis) {
  const rows = figureRecords(analysis).map((record) => Object.fromEntries(HEADINGS.map((h, i) => [h, record[i]!])));
  return { filename: filenameOf(analysis, 'csv'), contentType: 'text/csv; charset=utf-8', body: toCsv(rows, HEADINGS) };
}

export async function analysisXlsx(analysis: ExerciseAnalysis) {
  const book = await newWorkbook();
  const sheet = book.addWorksheet('Quartiles');
  sheet.columns = [
    { width: 24 },
    { width: 60 },
    { width: 14 },
    { width: 11 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
  ];
  sheet.addRow([`${analysis.exercise.title}: ${analysis.responses} workbooks of ${analysis.invited} invited`]).font = {
    bold: true,
  };
  sheet.addRow(['Quartiles by the spreadsheet QUARTILE.INC method; none shown under five responses.']);
  sheet.addRow(HEADINGS).font = { bold: true };
  analysis.rows.forEach((row, index) => {
    const added = sheet.addRow(figureRecords(analysis)[index]!);
    if (isMoneyUnit(row.unit)) for (const cell of [5, 6, 7]) added.getCell(cell).numFmt = '£#,##0.00';
  });
  const compared = book.addWorksheet('Rates compared');
  compared.columns = [{ width: 30 }, { width: 14 }, { width: 40 }, { width: 14 }, { width: 50 }];
  compared.addRow(['Measure', 'Median', 'Compared with', 'Rate', 'Source']).font = { bold: true };
  for (const comparison of analysis.comparisons)
    for (const rate of comparison.rates)
      compared.addRow([comparison.what, comparison.median ?? TOO_FEW, rate.who, rate.rate, rate.source]);
  return {
    filename: filenameOf(analysis, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await book.xlsx.writeBuffer()),
  };
}
