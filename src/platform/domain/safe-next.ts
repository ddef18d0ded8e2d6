// Where to go after signing in: only a path on this site, written in characters a Location
// header can carry. Anything else (another host, a scheme, a backslash, a control character that
// would break the header or that a browser would strip to reach another host) goes home.

const ORIGIN = 'https://hearth.invalid';
// Visible ASCII only: no control characters (CR, LF, tab), no spaces, no backslash.
const SAFE_PATH = /^\/[\x21-\x5b\x5d-\x7e]*$/;

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !SAFE_PATH.test(next) || next.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return '/';
  }
  // Parsing against our own origin must leave us on it, at the same path the text names.
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path === next ? next : '/';
}
