// An uplift letter as a PDF (pdfkit): the same words and tables as its printable page.
import { longDate } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { LetterView } from './uplift-letter-service.ts';
import { newPdf } from '../platform/documents/libraries.ts';

const MARGIN = 56;

export async function letterPdf(letter: LetterView): Promise<Buffer> {
  const { doc, bytes } = await newPdf({ margin: MARGIN, info: { Title: `${letter.name}: ${letter.providerName}` } });
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica-Bold').fontSize(16).text(letter.organisationName);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Sent ${longDate(letter.sentOn)}`)
    .moveDown();
  doc.fontSize(11).text(`To: ${letter.providerName}`).moveDown();
  doc.font('Helvetica-Bold').fontSize(14).text(`${letter.name}: ${letter.vehicleName}`).moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      `From ${longDate(letter.effectiveFrom)}, ${letter.organisationName} pays the rates below for care bought through ${letter.vehicleName}. Approved by: ${letter.decisionReference}.`,
    )
    .moveDown();
  doc.font('Helvetica-Bold').text('How the uplift was worked out').font('Helvetica');
  for (const sentence of letter.explanation) doc.text(sentence, { width }).moveDown(0.3);

  /** A table of text in columns: the first column left, the rest right-aligned. */
  const table = (head: string[], rows: string[][], widths: number[]) => {
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
      const y = doc.y;
      let x = MARGIN;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      let height = 0;
      cells.forEach((cell, index) => {
        const options = { width: widths[index]! - 6, align: index === 0 ? ('left' as const) : ('right' as const) };
        doc.text(cell, x, y, options);
        height = Math.max(height, doc.heightOfString(cell, options));
        x += widths[index]!;
      });
      doc.x = MARGIN;
      doc.y = y + height + 4;
    };
    row(head, true);
    for (const cells of rows) row(cells, false);
    doc.fontSize(11).moveDown();
  };

  for (const card of letter.content.lines) {
    doc.moveDown().font('Helvetica-Bold').fontSize(12).text(`Rates: ${card.lotTitle}`).moveDown(0.3);
    table(
      ['Rate', 'Before', `From ${longDate(letter.effectiveFrom)}`],
      card.lines.map((line) => [line.label, formatPence(line.beforePence), formatPence(line.afterPence)]),
      [width * 0.56, width * 0.22, width * 0.22],
    );
  }
  if (letter.content.placements.length > 0) {
    doc.font('Helvetica-Bold').fontSize(12).text('Your placements repriced').moveDown(0.3);
    table(
      ['Case reference', 'From', 'Weekly before', 'Weekly after'],
      letter.content.placements.map((one) => [
        one.reference,
        longDate(one.from),
        formatPence(one.beforePence),
        formatPence(one.afterPence),
      ]),
      [width * 0.28, width * 0.24, width * 0.24, width * 0.24],
    );
  }
  if (letter.content.notRepriced.length > 0) {
    doc.font('Helvetica-Bold').fontSize(12).text('Placements at an agreed price, not repriced').moveDown(0.3);
    table(
      ['Case reference', 'Weekly price'],
      letter.content.notRepriced.map((one) => [one.reference, formatPence(one.weeklyPence)]),
      [width * 0.5, width * 0.5],
    );
  }
  doc.end();
  return bytes;
}
