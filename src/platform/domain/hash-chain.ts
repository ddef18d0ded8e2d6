// The audit trail is a hash chain: hash(n) = digest(hash(n-1) + content(n)).
// Changing a row changes its hash; removing one leaves the next pointing at a hash that is gone.
// A redacted event (its payload emptied when a person's record was erased) no longer matches its
// hash; a later event sealed it, recording the digest of what it says now, and it is checked
// against that seal instead, while its hash still links the chain.

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
 * Checks links in order, carrying on from the last good hash of an earlier batch; `sealed` holds
 * the digest of each redacted event's content, by seq. Returns the first broken link, or the hash
 * to carry on from.
 */
export function checkLinks(
  digest: Digest,
  links: readonly ChainLink[],
  previousHash: string,
  sealed: ReadonlyMap<number, string> = new Map(),
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
    const seal = sealed.get(link.seq);
    const intact =
      seal === undefined ? linkHash(digest, link.prevHash, link.content) === link.hash : digest(link.content) === seal;
    if (!intact) {
      return { broken: { seq: link.seq, problem: `event ${link.seq} was altered after it was written` } };
    }
    expectedPrev = link.hash;
  }
  return { lastHash: expectedPrev };
}
