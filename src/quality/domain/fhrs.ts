// The Food Standards Agency's food hygiene ratings (FHRS), as published in its open data XML:
// one file per local authority, one EstablishmentDetail per food business. A care home or
// supported living service that serves food has its own rating, so the file is read into
// establishments and each is matched to at most one of Hearth's services by postcode and name.
// Real files are messy: a row that cannot be used is set aside with the reason, and the rest read.
// The XML is parsed in ../fhrs-file.ts; what it says is read here.
import { clean, normalisePostcode } from '../../providers/domain/cqc-values.ts';

export type FhrsScore = 0 | 1 | 2 | 3 | 4 | 5;

/** A score of 0 (urgent improvement necessary) to 5 (very good), or a status such as "Exempt". */
export type FhrsRating = { kind: 'score'; value: FhrsScore } | { kind: 'status'; status: string };

export interface FhrsEstablishment {
  fhrsId: string;
  businessName: string;
  /** Upper case, one space before the inward code; null where the FSA gives none (mobile caterers). */
  postcode: string | null;
  rating: FhrsRating;
  /** YYYY-MM-DD; null until the first inspection. */
  ratedOn: string | null;
  localAuthority: string | null;
}

export interface FhrsRejection {
  /** The establishment's place in the file, counting from 1, as a person reading it would. */
  index: number;
  fhrsId: string | null;
  reason: string;
}

export interface FhrsReading {
  establishments: FhrsEstablishment[];
  rejected: FhrsRejection[];
}

/** The file as a whole is not FHRS open data: nothing in it can be read. */
export class FhrsFileError extends Error {}

/** One value of one establishment cannot be used: that establishment is set aside. */
class FhrsValueError extends Error {}

type XmlElement = Record<string, unknown>;

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The establishments of one FSA open data document, as an XML parser read it (every value as
 * text, EstablishmentDetail always a list), and those that could not be read. Throws
 * FhrsFileError when it is not an FHRSEstablishment document.
 */
export function readFhrsDocument(document: unknown): FhrsReading {
  const rootName = isElement(document) ? Object.keys(document).find((key) => !key.startsWith('?')) : undefined;
  if (rootName !== 'FHRSEstablishment') {
    throw new FhrsFileError(
      `The file is not FSA food hygiene rating open data: its root element is <${rootName}>, not <FHRSEstablishment>`,
    );
  }
  const root = (document as XmlElement)[rootName];
  // An empty collection parses as "", a full one as an element holding the list.
  const collection = isElement(root) ? root['EstablishmentCollection'] : undefined;
  if (collection === undefined) {
    throw new FhrsFileError('The file is not FSA food hygiene rating open data: it has no <EstablishmentCollection>');
  }
  const details = isElement(collection) ? collection['EstablishmentDetail'] : undefined;
  return readDetails(Array.isArray(details) ? details : []);
}

function readDetails(details: unknown[]): FhrsReading {
  const establishments: FhrsEstablishment[] = [];
  const rejected: FhrsRejection[] = [];
  const firstIndex = new Map<string, number>();
  details.forEach((detail, i) => {
    const index = i + 1;
    const fhrsId = isElement(detail) ? idOf(detail) : null;
    try {
      if (!isElement(detail)) throw new FhrsValueError('the EstablishmentDetail is empty');
      const establishment = establishmentOf(detail);
      const first = firstIndex.get(establishment.fhrsId);
      if (first !== undefined) {
        throw new FhrsValueError(
          `FHRSID ${establishment.fhrsId} appears again (first as establishment ${first}); the first is kept`,
        );
      }
      firstIndex.set(establishment.fhrsId, index);
      establishments.push(establishment);
    } catch (error) {
      if (!(error instanceof FhrsValueError)) throw error;
      rejected.push({ index, fhrsId, reason: error.message });
    }
  });
  return { establishments, rejected };
}

/** The FHRSID as written, so a rejection can say which establishment it was; null if unusable. */
function idOf(detail: XmlElement): string | null {
  const value = detail['FHRSID'];
  return typeof value === 'string' ? clean(value) : null;
}

function establishmentOf(detail: XmlElement): FhrsEstablishment {
  const fhrsId = text(detail, 'FHRSID');
  if (!fhrsId) throw new FhrsValueError('no FHRSID');
  if (!/^\d+$/.test(fhrsId)) throw new FhrsValueError(`FHRSID "${fhrsId}" is not a number`);
  const businessName = text(detail, 'BusinessName');
  if (!businessName) throw new FhrsValueError('no BusinessName');
  return {
    fhrsId,
    businessName,
    postcode: normalisePostcode(text(detail, 'PostCode')),
    rating: ratingOf(text(detail, 'RatingValue')),
    ratedOn: ratingDateOf(text(detail, 'RatingDate')),
    localAuthority: text(detail, 'LocalAuthorityName'),
  };
}

/** A child element's text, trimmed; null when absent, empty or xsi:nil. */
function text(detail: XmlElement, field: string): string | null {
  const value = detail[field];
  if (value === undefined) return null;
  if (typeof value !== 'string') {
    const what = Array.isArray(value) ? 'appears more than once' : 'has elements inside it, not text';
    throw new FhrsValueError(`${field} ${what}`);
  }
  return clean(value);
}

function ratingOf(value: string | null): FhrsRating {
  if (!value) throw new FhrsValueError('no RatingValue');
  if (/^[0-5]$/.test(value)) return { kind: 'score', value: Number(value) as FhrsScore };
  if (/^\d+$/.test(value)) throw new FhrsValueError(`RatingValue "${value}" is not a score from 0 to 5`);
  // Exempt, AwaitingInspection, AwaitingPublication, and Scotland's Pass or Improvement Required.
  return { kind: 'status', status: value };
}

// The FSA writes a date, or a date and a midnight time; the date is what was rated.
const RATING_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function ratingDateOf(value: string | null): string | null {
  if (!value) return null;
  const parts = RATING_DATE.exec(value);
  if (!parts) {
    throw new FhrsValueError(`RatingDate "${value}" is not a date (expected 2023-05-17 or 2023-05-17T00:00:00)`);
  }
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new FhrsValueError(`RatingDate "${value}" is not a real date`);
  }
  return `${parts[1]}-${parts[2]}-${parts[3]}`;
}

export interface ServiceToMatch {
  id: string;
  name: string;
  postcode: string | null;
}

export type FhrsNoMatchReason =
  | 'no service at this postcode'
  | 'no service with a similar name at this postcode'
  | 'more than one service could be this one';

export interface FhrsMatching {
  matched: { establishment: FhrsEstablishment; serviceId: string }[];
  unmatched: { establishment: FhrsEstablishment; reason: FhrsNoMatchReason }[];
}

/**
 * Each establishment's service, when exactly one at its postcode has a similar name. A kitchen is
 * rated under the name on its door, which is seldom the registered name word for word ("Ltd",
 * "&"), so names are compared by their words; a tie is left for a person to decide.
 */
export function matchToServices(establishments: FhrsEstablishment[], services: ServiceToMatch[]): FhrsMatching {
  const atPostcode = new Map<string, { id: string; words: string[] }[]>();
  for (const service of services) {
    const postcode = normalisePostcode(service.postcode);
    if (!postcode) continue;
    const here = atPostcode.get(postcode) ?? [];
    here.push({ id: service.id, words: nameWords(service.name) });
    atPostcode.set(postcode, here);
  }
  const result: FhrsMatching = { matched: [], unmatched: [] };
  for (const establishment of establishments) {
    const candidates = establishment.postcode ? atPostcode.get(establishment.postcode) : undefined;
    if (!candidates) {
      result.unmatched.push({ establishment, reason: 'no service at this postcode' });
      continue;
    }
    const words = nameWords(establishment.businessName);
    const similar = candidates
      .flatMap((service) => {
        const shared = similarity(words, service.words);
        return shared === null ? [] : [{ id: service.id, shared }];
      })
      .sort((a, b) => b.shared - a.shared);
    const [best, next] = similar;
    if (!best) {
      result.unmatched.push({ establishment, reason: 'no service with a similar name at this postcode' });
    } else if (next?.shared === best.shared) {
      result.unmatched.push({ establishment, reason: 'more than one service could be this one' });
    } else {
      result.matched.push({ establishment, serviceId: best.id });
    }
  }
  return result;
}

// Words that say what kind of company runs a place, not which place it is.
const NOISE_WORDS = new Set(['ltd', 'limited', 'the', 'plc', 'cic']);

/** "The Willow & Birch Ltd." becomes ["willow", "and", "birch"]. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !NOISE_WORDS.has(word));
}

/**
 * How many words two names share, when they are similar: one holds the other whole, or they
 * share at least half the words of the shorter. Null when they are not similar.
 */
function similarity(a: string[], b: string[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // Whole words in order, so "Oak" is inside "Oak Lodge" but not inside "Oakwood".
  if (` ${longer.join(' ')} `.includes(` ${shorter.join(' ')} `)) return new Set(shorter).size;
  const inLonger = new Set(longer);
  const shared = new Set(shorter.filter((word) => inLonger.has(word))).size;
  return shared * 2 >= new Set(shorter).size ? shared : null;
}
