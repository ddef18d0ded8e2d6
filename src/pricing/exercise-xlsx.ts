// The workbook as a spreadsheet: the template a provider downloads (a sheet for each group of
// lines, its own figures filled in where it has given them) and reading it back, with every
// problem named by sheet, row and column. exceljs reads and writes the XLSX.
import {
  answerAsText,
  answerFromText,
  LINE_GROUP_LABELS,
  LINE_GROUPS,
  LINE_UNIT_LABELS,
  type Answers,
  type TemplateLine,
} from './domain/exercise.ts';
import { newWorkbook } from '../platform/documents/libraries.ts';

const HEADINGS = ['Line reference', 'Line', 'Answer in', 'Your figure'];
/** The column a provider types its figure in, and the row the first line is on. */
const FIGURE_COLUMN = 'D';
const FIRST_ROW = 2;

export async function workbookTemplate(
  title: string,
  lines: readonly TemplateLine[],
  answers: Answers,
): Promise<Buffer> {
  const book = await newWorkbook();
  book.title = title;
  for (const group of LINE_GROUPS) {
    const ofGroup = lines.filter((line) => line.group === group);
    if (ofGroup.length === 0) continue;
    const sheet = book.addWorksheet(LINE_GROUP_LABELS[group]);
    sheet.columns = [{ width: 22 }, { width: 70 }, { width: 14 }, { width: 16 }];
    sheet.addRow(HEADINGS).font = { bold: true };
    for (const line of ofGroup) {
      const shown = answerAsText(line.unit, answers[line.key]);
      sheet.addRow([
        line.key,
        line.optional ? `${line.label} (optional)` : line.label,
        LINE_UNIT_LABELS[line.unit],
        shown === '' ? null : Number(shown),
      ]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface ReadFigure {
  key: string;
  value: number | null;
  /** "Sheet ‘Care staff’, row 3, column D", for the problem list. */
  where: string;
}

/**
 * The figures in an uploaded template, each with where it is; problems with the file's shape
 * (not a spreadsheet, a line that is not the exercise's, a line twice) as they are found.
 */
export async function readWorkbookFile(
  file: Buffer,
  lines: readonly TemplateLine[],
): Promise<{ figures: ReadFigure[]; problems: string[] }> {
  const book = await newWorkbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { figures: [], problems: ['The file is not an XLSX spreadsheet: download the template and fill that in'] };
  }
  const byKey = new Map(lines.map((line) => [line.key, line]));
  const figures: ReadFigure[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  book.eachSheet((sheet) => {
    sheet.eachRow((row, number) => {
      if (number < FIRST_ROW) return;
      const key = String(row.getCell('A').text ?? '').trim();
      const where = (column: string) => `Sheet ‘${sheet.name}’, row ${number}, column ${column}`;
      if (key === '') return;
      const line = byKey.get(key);
      if (!line) {
        problems.push(`${where('A')}: ${key} is not a line of this exercise’s workbook`);
        return;
      }
      if (seen.has(key)) {
        problems.push(`${where('A')}: ${line.label} is given twice`);
        return;
      }
      seen.add(key);
      const cell = row.getCell(FIGURE_COLUMN);
      // A number typed into the cell is read as its digits; text is read as a person would type it.
      const typed = typeof cell.value === 'number' ? String(cell.value) : cell.text;
      let value = answerFromText(line.unit, typed);
      if (typeof cell.value === 'number' && Number.isNaN(value)) value = roundedNumber(line, cell.value);
      figures.push({ key, value, where: where(FIGURE_COLUMN) });
    });
  });
  for (const line of lines)
    if (!seen.has(line.key) && !line.optional)
      problems.push(`The file has no row for ${line.label}: download the template again`);
  return { figures, problems };
}

/** A number a spreadsheet keeps to more places than it shows (12.2100000001): read to the line's own places. */
function roundedNumber(line: TemplateLine, value: number): number {
  if (line.unit === 'count') return Number.isInteger(value) ? value : Number.NaN;
  return answerFromText(line.unit, value.toFixed(2)) ?? Number.NaN;
}
