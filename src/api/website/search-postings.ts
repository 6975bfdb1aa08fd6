import type { Knex } from 'knex';
import { PG_KINDS, PG_TABLE, PG_TERMS } from './search-index';
import { rowsOf, type RawRows } from '../../platform/sql';

/**
 * Entries with a score, as two parallel arrays. An entry is known by one number, its key: its type
 * number (ri_search_kinds) × 2³² + its entry id, so that the order of the keys is the order of
 * (type, entry id) — the order of the word rows' index `ri_search_term_merge_idx`.
 */
export interface Scored {
  keys: Float64Array;
  scores: Float32Array;
}

const HIGH = 2 ** 32;

export const keyOf = (kind: number, entryId: number): number => kind * HIGH + entryId;
export const kindOf = (key: number): number => Math.floor(key / HIGH);
export const entryOf = (key: number): number => key % HIGH;

/**
 * A single-precision number as PostgreSQL writes it (the shortest decimal that reads back as the
 * same number): the score a hit shows is the one a statement summing the same scores gives.
 */
export const asReal = (value: number): number => {
  for (let digits = 1; digits < 9; digits += 1) {
    const shortest = Number(value.toPrecision(digits));
    if (Math.fround(shortest) === value) return shortest;
  }
  return Number(value.toPrecision(9));
};

/** Bytes a list holds (for the memo's budget). */
export const bytesOf = (list: Scored): number => list.keys.byteLength + list.scores.byteLength + 64;

const scoredFrom = (keys: ArrayLike<number>, scores: ArrayLike<number>, length = keys.length): Scored => ({
  keys: Float64Array.from({ length }, (_value, index) => keys[index]),
  scores: Float32Array.from({ length }, (_value, index) => scores[index]),
});

/** The list in the order the comparison gives (indices sorted, then both arrays read in that order). */
const sortedBy = (list: Scored, compare: (a: number, b: number) => number): Scored => {
  const order = Uint32Array.from({ length: list.keys.length }, (_value, index) => index).sort(compare);
  return {
    keys: Float64Array.from(order, (index) => list.keys[index]),
    scores: Float32Array.from(order, (index) => list.scores[index]),
  };
};

/** The list in key order, each key once with its best score (entries met for several lexemes). */
const byKeyBest = (list: Scored): Scored => {
  let ordered = true;
  for (let index = 1; index < list.keys.length && ordered; index += 1) {
    ordered = list.keys[index - 1] < list.keys[index];
  }
  if (ordered) return list;
  const sorted = sortedBy(list, (a, b) => list.keys[a] - list.keys[b] || list.scores[b] - list.scores[a]);
  const keys: number[] = [];
  const scores: number[] = [];
  for (let index = 0; index < sorted.keys.length; index += 1) {
    // The best score of a key comes first.
    if (index > 0 && sorted.keys[index] === sorted.keys[index - 1]) continue;
    keys.push(sorted.keys[index]);
    scores.push(sorted.scores[index]);
  }
  return scoredFrom(keys, scores);
};

/** Bytes per word row as `loadGroup` packs it: type (2), entry id (4), score (4), big-endian. */
const PACKED = 10;

/**
 * PostgreSQL: the entries of `locale` that have a lexeme of `group`, in key order, each with its
 * best score among them (what a one-word search ranks it by). One statement, reading the word rows'
 * index `ri_search_term_merge_idx` (in entry order for one lexeme); the rows come back packed in
 * one binary value (parsing one row, or one array element, per entry took four times longer than
 * reading them).
 */
export const loadGroup = async (knex: Knex, group: string[], locale: string): Promise<Scored> => {
  const [lexemes, order] =
    group.length === 1 ? ['t.lexeme = ?', 'ORDER BY t.kind, t.entry_id'] : ['t.lexeme = ANY(?::text[])', ''];
  const [row] = rowsOf(
    await knex.raw<RawRows<{ packed: Buffer | null }>>(
      `SELECT string_agg(int2send(x.kind) || int4send(x.entry_id) || float4send(x.score), ''::bytea) AS packed
         FROM (SELECT t.kind, t.entry_id, t.score FROM ${PG_TERMS} t
                WHERE ${lexemes} AND t.locale = ? ${order}) x`,
      [group.length === 1 ? group[0] : group, locale],
    ),
  );
  const packed = row?.packed ?? Buffer.alloc(0);
  const length = packed.length / PACKED;
  const list: Scored = { keys: new Float64Array(length), scores: new Float32Array(length) };
  for (let index = 0; index < length; index += 1) {
    const at = index * PACKED;
    list.keys[index] = keyOf(packed.readInt16BE(at), packed.readInt32BE(at + 2));
    list.scores[index] = packed.readFloatBE(at + 6);
  }
  // In key order whatever the plan did (an aggregate's input order is kept only in practice).
  return byKeyBest(list);
};

/** The first index from `from` whose key is at least `key` (galloping, then halving). */
const seek = (keys: Float64Array, key: number, from: number): number => {
  let low = from;
  let step = 1;
  let high = from;
  while (high < keys.length && keys[high] < key) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, keys.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle] < key) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * The entries present in every list (each in key order), in key order, scored with the sum of their
 * scores in the lists' order, in single precision at each step: what PostgreSQL's `real + real`
 * gives. The shortest list leads; the others are searched forward from where they were (galloping),
 * so a rare word with a common one costs about the rare word's entries.
 */
export const intersect = (lists: Scored[]): Scored => {
  if (lists.length === 0) return scoredFrom([], []);
  const order = lists
    .map((_list, index) => index)
    .sort((a, b) => lists[a].keys.length - lists[b].keys.length);
  const [lead, ...others] = order;
  const positions = new Array<number>(lists.length).fill(0);
  const leader = lists[lead];
  const keys: number[] = [];
  const scores: number[] = [];
  entries: for (let index = 0; index < leader.keys.length; index += 1) {
    const key = leader.keys[index];
    positions[lead] = index;
    for (const other of others) {
      const list = lists[other];
      const at = seek(list.keys, key, positions[other]);
      positions[other] = at;
      if (at === list.keys.length) break entries;
      if (list.keys[at] !== key) continue entries;
    }
    let sum = lists[0].scores[positions[0]];
    for (let list = 1; list < lists.length; list += 1) {
      sum = Math.fround(sum + lists[list].scores[positions[list]]);
    }
    keys.push(key);
    scores.push(sum);
  }
  return scoredFrom(keys, scores);
};

/** The entries of `list` whose key is not in `without` (both in key order). */
export const withoutKeys = (list: Scored, without: Float64Array): Scored => {
  const keys: number[] = [];
  const scores: number[] = [];
  let at = 0;
  for (let index = 0; index < list.keys.length; index += 1) {
    const key = list.keys[index];
    at = seek(without, key, at);
    if (without[at] === key) continue;
    keys.push(key);
    scores.push(list.scores[index]);
  }
  return scoredFrom(keys, scores);
};

/** Both lists as one (no key in both), in rank order: score descending, then key (type, entry id). */
export const inRankOrder = (lists: Scored[]): Scored => {
  const length = lists.reduce((sum, list) => sum + list.keys.length, 0);
  const all: Scored = { keys: new Float64Array(length), scores: new Float32Array(length) };
  let at = 0;
  for (const list of lists) {
    all.keys.set(list.keys, at);
    all.scores.set(list.scores, at);
    at += list.keys.length;
  }
  return sortedBy(all, (a, b) => all.scores[b] - all.scores[a] || all.keys[a] - all.keys[b]);
};

/**
 * PostgreSQL: the keys, in key order, of the entries in the default locale (`into`) whose document
 * has one of the entries `of` (in another locale). One statement.
 */
export const twinsOf = async (knex: Knex, of: Float64Array, into: string): Promise<Float64Array> => {
  if (of.length === 0) return new Float64Array(0);
  const rows = rowsOf(
    await knex.raw<RawRows<{ kind: number; entry_id: number }>>(
      `SELECT e.kind, f.entry_id FROM unnest(?::smallint[], ?::integer[]) AS e(kind, entry_id)
         JOIN ${PG_KINDS} k ON k.kind = e.kind
         JOIN ${PG_TABLE} o ON o.uid = k.uid AND o.entry_id = e.entry_id
         JOIN ${PG_TABLE} f ON f.uid = o.uid AND f.document_id = o.document_id AND f.locale = ?`,
      [Array.from(of, kindOf), Array.from(of, entryOf), into],
    ),
  );
  return Float64Array.from(rows.map((row) => keyOf(row.kind, row.entry_id))).sort();
};

/**
 * A page of a ranked list, with the number of its entries of the given types (`kinds`; null: every
 * type), in one pass.
 */
export const pageOf = (
  list: Scored,
  kinds: Set<number> | null,
  offset: number,
  size: number,
): { keys: number[]; scores: number[]; total: number } => {
  const keys: number[] = [];
  const scores: number[] = [];
  if (!kinds) {
    for (let index = offset; index < Math.min(offset + size, list.keys.length); index += 1) {
      keys.push(list.keys[index]);
      scores.push(list.scores[index]);
    }
    return { keys, scores, total: list.keys.length };
  }
  let total = 0;
  for (let index = 0; index < list.keys.length; index += 1) {
    if (!kinds.has(kindOf(list.keys[index]))) continue;
    if (total >= offset && total < offset + size) {
      keys.push(list.keys[index]);
      scores.push(list.scores[index]);
    }
    total += 1;
  }
  return { keys, scores, total };
};
