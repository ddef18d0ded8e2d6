// The audit trail is a hash chain: hash(n) = digest(hash(n-1) + content(n)).
// Changing a row changes its hash; removing one leaves the next pointing at a hash that is gone.

export const GENESIS_HASH = '0'.repeat(64);

export type Digest = (text: string) => string;

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  /** The row's content, serialised canonically (the same serialisation as when it was written). */
  content: string;
}

export interface BrokenLink {
  seq: number;
  problem: string;
}

export function linkHash(digest: Digest, prevHash: string, content: string): string {
  return digest(`${prevHash}\n${content}`);
}

/**
 * Checks links in order, carrying on from the last good hash of an earlier batch.
 * Returns the first broken link, or the hash to carry on from.
 */
export function checkLinks(
  digest: Digest,
  links: readonly ChainLink[],
  previousHash: string,
): { broken: BrokenLink } | { lastHash: string } {
  let expectedPrev = previousHash;
  for (const link of links) {
    if (link.prevHash !== expectedPrev) {
      return {
        broken: {
          seq: link.seq,
          problem: `event ${link.seq} does not follow on from the event before it: an event before it was removed or altered`,
        },
      };
    }
    if (linkHash(digest, link.prevHash, link.content) !== link.hash) {
      return { broken: { seq: link.seq, problem: `event ${link.seq} was altered after it was written` } };
    }
    expectedPrev = link.hash;
  }
  return { lastHash: expectedPrev };
}
