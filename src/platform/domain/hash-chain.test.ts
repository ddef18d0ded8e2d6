import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { checkLinks, GENESIS_HASH, linkHash, type ChainLink } from './hash-chain.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(contents: string[]): ChainLink[] {
  let prev = GENESIS_HASH;
  return contents.map((content, index) => {
    const hash = linkHash(sha256, prev, content);
    const link = { seq: index + 1, prevHash: prev, hash, content };
    prev = hash;
    return link;
  });
}

test('an untouched chain verifies and yields its head', () => {
  const links = chain(['a', 'b', 'c']);
  assert.deepEqual(checkLinks(sha256, links, GENESIS_HASH), { lastHash: links[2]!.hash });
});

test('an altered row is reported at its own sequence number', () => {
  const links = chain(['a', 'b', 'c']);
  links[1] = { ...links[1]!, content: 'B' };
  const result = checkLinks(sha256, links, GENESIS_HASH);
  assert.ok('broken' in result);
  assert.equal(result.broken.seq, 2);
  assert.match(result.broken.problem, /altered/);
});

test('a removed row is reported at the row after the gap', () => {
  const links = chain(['a', 'b', 'c', 'd']);
  links.splice(1, 1);
  const result = checkLinks(sha256, links, GENESIS_HASH);
  assert.ok('broken' in result);
  assert.equal(result.broken.seq, 3);
  assert.match(result.broken.problem, /removed or altered/);
});

test('a row whose hash was recomputed still breaks the link after it', () => {
  const links = chain(['a', 'b', 'c']);
  const forged = linkHash(sha256, links[0]!.hash, 'B');
  links[1] = { ...links[1]!, content: 'B', hash: forged };
  const result = checkLinks(sha256, links, GENESIS_HASH);
  assert.ok('broken' in result);
  assert.equal(result.broken.seq, 3);
});

test('checking in batches carries the hash across', () => {
  const links = chain(['a', 'b', 'c', 'd']);
  const first = checkLinks(sha256, links.slice(0, 2), GENESIS_HASH);
  assert.ok('lastHash' in first);
  assert.deepEqual(checkLinks(sha256, links.slice(2), first.lastHash), { lastHash: links[3]!.hash });
});

test('a redacted row verifies against its seal, and only against it', () => {
  const links = chain(['a', 'b with a name', 'c']);
  links[1] = { ...links[1]!, content: 'b' };
  assert.ok('broken' in checkLinks(sha256, links, GENESIS_HASH));
  assert.deepEqual(checkLinks(sha256, links, GENESIS_HASH, new Map([[2, sha256('b')]])), {
    lastHash: links[2]!.hash,
  });
  const wrongSeal = checkLinks(sha256, links, GENESIS_HASH, new Map([[2, sha256('something else')]]));
  assert.ok('broken' in wrongSeal);
  assert.equal(wrongSeal.broken.seq, 2);
});
