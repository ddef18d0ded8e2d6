// Reading a declared list as people and spreadsheets see it: the table's rows by cell, the CSV's
// records and the XLSX's rows.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { PageSession } from './test-app.ts';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, ' ')
    .trim();

/** The cells of each row of the table with this id, as text, in order. */
export function tableRows(html: string, id: string): string[][] {
  const table = html.split(`<table class="govuk-table" id="${id}">`)[1]?.split('</table>')[0];
  assert.ok(table, `a table with id ${id}`);
  const body = table.split('<tbody')[1]!;
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!)))
    .filter((cells) => cells.length > 1);
}

/** The first cell of each row: the list's names, in order. */
export const firstColumn = (html: string, id: string) => tableRows(html, id).map((cells) => cells[0]!);

/** The caption over the table: "3 people", "1 referral, page 1 of 2". */
export function captionOf(html: string): string {
  return textOf(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(html)?.[1] ?? '');
}

/** The list's CSV as records by heading, after checking it is an attachment named as the list. */
export async function csvRecords(session: PageSession, url: string): Promise<Record<string, string>[]> {
  const response = await session.get(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  return parse(response.body, { columns: true }) as Record<string, string>[];
}

/** The list's XLSX as rows of typed cells, headings first. */
export async function xlsxRows(session: PageSession, url: string) {
  const response = await session.get(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  return readSheet(response.rawPayload);
}

/** A filter refused: 422, the error summary naming the field, and the exports refused alike. */
export async function assertRefused(session: PageSession, path: string, query: string, field: string, message: RegExp) {
  for (const url of [`${path}?${query}`, `${path}.csv?${query}`, `${path}.xlsx?${query}`]) {
    const response = await session.get(url);
    assert.equal(response.statusCode, 422, url);
    assert.match(response.body, /There is a problem/, url);
    assert.match(response.body, new RegExp(`<a href="#${field}">${message.source}`), url);
  }
}
