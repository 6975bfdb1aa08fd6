import {
  asReal,
  intersect,
  keyOf,
  kindOf,
  entryOf,
  pageOf,
  inRankOrder,
  withoutKeys,
  type Scored,
} from '../../src/api/website/search-postings';
import { createVersionedMemo } from '../../src/cache/versioned-memo';

const list = (entries: Array<[number, number, number]>): Scored => ({
  keys: Float64Array.from(entries, ([kind, id]) => keyOf(kind, id)),
  scores: Float32Array.from(entries, ([, , score]) => score),
});

const pairs = (scored: Scored): Array<[number, number, number]> =>
  Array.from(scored.keys, (key, index) => [kindOf(key), entryOf(key), scored.scores[index]]);

describe('several words ranked in memory (src/api/website/search-postings.ts)', () => {
  it('a key keeps the order of (type, entry id), and gives both back', () => {
    expect(keyOf(1, 2 ** 31)).toBeLessThan(keyOf(2, 0));
    expect([kindOf(keyOf(5, 123_456)), entryOf(keyOf(5, 123_456))]).toEqual([5, 123_456]);
  });

  it('an entry is a hit when every list has it, scored with the sum in the lists’ order, in single precision', () => {
    const a = list([
      [1, 1, 0.1],
      [1, 5, 0.2],
      [2, 3, 0.3],
      [2, 9, 0.4],
    ]);
    const b = list([
      [1, 5, 0.7],
      [2, 9, 0.6],
    ]);
    const c = list([
      [1, 2, 0.5],
      [1, 5, 0.9],
      [2, 9, 0.3],
      [3, 1, 0.1],
    ]);
    const hits = intersect([a, b, c]);
    const f = Math.fround;
    expect(pairs(hits)).toEqual([
      [1, 5, f(f(f(0.2) + f(0.7)) + f(0.9))],
      [2, 9, f(f(f(0.4) + f(0.6)) + f(0.3))],
    ]);
    // A list with no entry, or the last list ending first, leaves no hit.
    expect(intersect([a, list([])]).keys).toHaveLength(0);
    expect(pairs(intersect([a, list([[1, 1, 1]])]))).toEqual([[1, 1, f(f(0.1) + 1)]]);
  });

  it('a rare word among thousands of entries finds each of them (the long list is searched, not walked)', () => {
    const common = list(
      Array.from({ length: 10_000 }, (_value, index) => [1, index * 3, 1] as [number, number, number]),
    );
    const rare = list([
      [1, 0, 2],
      [1, 2, 2],
      [1, 29_997, 2],
      [2, 1, 2],
    ]);
    expect(pairs(intersect([rare, common]))).toEqual([
      [1, 0, 3],
      [1, 29_997, 3],
    ]);
  });

  it('removes given keys, then ranks by score, then by type and entry', () => {
    const french = list([
      [1, 1, 0.5],
      [1, 2, 0.9],
      [2, 1, 0.5],
    ]);
    const translated = list([[1, 7, 0.5]]);
    const hits = inRankOrder([translated, withoutKeys(french, Float64Array.from([keyOf(1, 2)]))]);
    expect(pairs(hits)).toEqual([
      [1, 1, 0.5],
      [1, 7, 0.5],
      [2, 1, 0.5],
    ]);
  });

  it('a page, and the total, of every type or of some', () => {
    const hits = inRankOrder([
      list([
        [1, 1, 5],
        [2, 1, 4],
        [1, 2, 3],
        [2, 2, 2],
        [1, 3, 1],
      ]),
    ]);
    expect(pageOf(hits, null, 1, 2)).toEqual({ keys: [keyOf(2, 1), keyOf(1, 2)], scores: [4, 3], total: 5 });
    expect(pageOf(hits, new Set([1]), 1, 5)).toEqual({
      keys: [keyOf(1, 2), keyOf(1, 3)],
      scores: [3, 1],
      total: 3,
    });
    expect(pageOf(hits, new Set([2]), 4, 5)).toEqual({ keys: [], scores: [], total: 2 });
  });

  it('a score reads as PostgreSQL writes a real: the shortest decimal of the same number', () => {
    expect(asReal(Math.fround(0.1))).toBe(0.1);
    expect(asReal(Math.fround(Math.fround(0.1) + Math.fround(0.2)))).toBe(0.3);
    expect(asReal(Math.fround(1.2345678))).toBe(1.2345678);
    expect(Math.fround(asReal(Math.fround(Math.PI)))).toBe(Math.fround(Math.PI));
  });
});

describe('values kept for a content version (src/cache/versioned-memo.ts)', () => {
  const size = () => 10;

  it('computes once per key and version; a newer version starts over; an older one is not kept', async () => {
    const memo = createVersionedMemo(1_000);
    let computed = 0;
    const compute = (value: string) => () => {
      computed += 1;
      return Promise.resolve(value);
    };
    expect(await memo.get('k', 1, compute('a'), size)).toBe('a');
    expect(await memo.get('k', 1, compute('b'), size)).toBe('a');
    expect(computed).toBe(1);
    expect(await memo.get('k', 2, compute('c'), size)).toBe('c');
    // A request that began before the change gets its own value, which is not kept.
    expect(await memo.get('k', 1, compute('d'), size)).toBe('d');
    expect(await memo.get('k', 2, compute('e'), size)).toBe('c');
    expect(computed).toBe(3);
  });

  it('requests for the same key at once share one computation', async () => {
    const memo = createVersionedMemo(1_000);
    let computed = 0;
    const slow = () =>
      new Promise<string>((resolve) => {
        computed += 1;
        setTimeout(() => {
          resolve('x');
        }, 10);
      });
    expect(await Promise.all([memo.get('k', 1, slow, size), memo.get('k', 1, slow, size)])).toEqual([
      'x',
      'x',
    ]);
    expect(computed).toBe(1);
  });

  it('a value computed while the version moved is not kept for the new one', async () => {
    const memo = createVersionedMemo(1_000);
    let finish: (value: string) => void = () => undefined;
    const pending = memo.get('k', 1, () => new Promise<string>((resolve) => (finish = resolve)), size);
    await Promise.resolve();
    memo.clear();
    expect(await memo.get('other', 2, () => Promise.resolve('y'), size)).toBe('y');
    finish('old');
    expect(await pending).toBe('old');
    expect(await memo.get('k', 2, () => Promise.resolve('new'), size)).toBe('new');
  });

  it('stays within its budget, the least recently used out first; a value over the budget is not kept', async () => {
    const memo = createVersionedMemo(25);
    const value = (text: string) => () => Promise.resolve(text);
    await memo.get('a', 1, value('a'), size);
    await memo.get('b', 1, value('b'), size);
    await memo.get('a', 1, value('a2'), size); // used: b is now the oldest
    await memo.get('c', 1, value('c'), size);
    expect(memo.bytes()).toBe(20);
    expect(await memo.get('a', 1, value('a3'), size)).toBe('a');
    expect(await memo.get('b', 1, value('b2'), size)).toBe('b2');
    expect(await memo.get('big', 1, value('big'), () => 26)).toBe('big');
    expect(await memo.get('big', 1, value('big2'), () => 26)).toBe('big2');
    // Nothing kept with no budget (SEARCH_POSTINGS_MB=0).
    const none = createVersionedMemo(0);
    await none.get('a', 1, value('a'), size);
    expect(await none.get('a', 1, value('a2'), size)).toBe('a2');
    expect(none.bytes()).toBe(0);
  });
});
