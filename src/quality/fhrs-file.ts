// Reading the Food Standards Agency's food hygiene rating open data (FHRS XML): the XML is parsed
// here, and what it says is read by the pure rules in domain/fhrs.ts.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FhrsFileError, readFhrsDocument, type FhrsReading } from './domain/fhrs.ts';

const parser = new XMLParser({
  // Every value stays the text the FSA wrote: FHRSID "000123" and postcode "01234" are not numbers.
  parseTagValue: false,
  // xsi:nil="true" is the only attribute that matters, and an element without text says the same.
  ignoreAttributes: true,
  // A file with a single establishment is still a list of them.
  isArray: (tagName) => tagName === 'EstablishmentDetail',
});

/**
 * The establishments of one FSA open data file and those that could not be read. Throws
 * FhrsFileError when the text is not well-formed XML or not an FHRSEstablishment document.
 */
export function readFhrsXml(xml: string): FhrsReading {
  if (xml.trim() === '') throw new FhrsFileError('The file is empty');
  // Checked first: a lenient parse of a file cut short would quietly lose the establishments after the cut.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FhrsFileError(`The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  return readFhrsDocument(parser.parse(xml));
}
