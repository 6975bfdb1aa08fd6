/**
 * Values computed from the database for one content version (src/cache/content-version.ts), by
 * key, least recently used out first, within a budget of bytes. A value is only ever given for the
 * version it was read at or a newer one: asked for a newer version, the memo starts over; asked for
 * an older one (a request that began before the change), it computes without keeping. Requests
 * asking for the same key at once share one computation.
 */
export interface VersionedMemo {
  get<T>(key: string, at: number, compute: () => Promise<T>, sizeOf: (value: T) => number): Promise<T>;
  /** Forgets everything (the version moved). */
  clear(): void;
  /** Bytes held now (by the values' own account). */
  bytes(): number;
}

export const createVersionedMemo = (budgetBytes: number): VersionedMemo => {
  const values = new Map<string, { value: unknown; size: number }>();
  const pending = new Map<string, Promise<unknown>>();
  let version = -1;
  let held = 0;

  const clear = (): void => {
    values.clear();
    pending.clear();
    held = 0;
  };

  const keep = (key: string, value: unknown, size: number): void => {
    if (size > budgetBytes) return;
    const known = values.get(key);
    if (known) held -= known.size;
    values.delete(key);
    values.set(key, { value, size });
    held += size;
    // The least recently used first (a Map iterates in insertion order; a hit moves to the end).
    for (const [oldest, { size: oldestSize }] of values) {
      if (held <= budgetBytes) break;
      values.delete(oldest);
      held -= oldestSize;
    }
  };

  return {
    async get<T>(
      key: string,
      at: number,
      compute: () => Promise<T>,
      sizeOf: (value: T) => number,
    ): Promise<T> {
      if (at < version) return compute();
      if (at > version) {
        clear();
        version = at;
      }
      const known = values.get(key);
      if (known) {
        values.delete(key);
        values.set(key, known);
        return known.value as T;
      }
      const running = pending.get(key) as Promise<T> | undefined;
      if (running) return running;
      const computing = compute();
      pending.set(key, computing);
      try {
        const value = await computing;
        // Kept only if nothing moved meanwhile (a newer version empties the memo).
        if (version === at && pending.get(key) === computing) keep(key, value, sizeOf(value));
        return value;
      } finally {
        if (pending.get(key) === computing) pending.delete(key);
      }
    },

    clear,

    bytes: () => held,
  };
};
