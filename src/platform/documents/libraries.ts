// The PDF and spreadsheet libraries, loaded when a document is first made: together they take half a
// second to load, and most starts of the service (and every command) make no document.
import type PDFKit from 'pdfkit';
import type ExcelJS from 'exceljs';

/** A new A4 PDF and the bytes it will have once `end()` is called on it. */
export async function newPdf(
  options: PDFKit.PDFDocumentOptions,
): Promise<{ doc: PDFKit.PDFDocument; bytes: Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, bytes };
}

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJSLibrary } = await import('exceljs');
  return new ExcelJSLibrary.Workbook();
}
