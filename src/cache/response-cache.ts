/**
 * A response of the public API as it was sent: its JSON text, encoded once (UTF-8: what goes on
 * the wire, so serving it again copies bytes instead of encoding text), and its content type.
 */
export interface CachedResponse {
  body: Buffer;
  type: string;
}

/**
 * The public responses of the current content version, by URL, least recently used out first,
 * within a budget of bytes (RESPONSE_CACHE_MB, 64 by default; 0 turns it off). Emptied whenever
 * the version moves: an entry is only ever served for the version it was built for.
 */
export const createResponseCache = (budgetBytes: number, maxEntryBytes: number, maxKnownUrls = 20_000) => {
  const entries = new Map<string, CachedResponse>();
  /**
   * The URLs answered 200 for the current version, kept or not (over the budget, too large, or
   * RESPONSE_CACHE_MB=0): a matching If-None-Match for one of them is a 304 with nothing built.
   */
  const answered = new Set<string>();
  let version = -1;
  let bytes = 0;

  const sizeOf = (key: string, value: CachedResponse): number => 2 * key.length + value.body.length + 64;

  const clear = (): void => {
    entries.clear();
    answered.clear();
    bytes = 0;
  };

  /** Moves to a newer version (emptied); false for an older one (nothing is recorded for it). */
  const at = (value: number): boolean => {
    if (value === version) return true;
    if (value < version) return false;
    clear();
    version = value;
    return true;
  };

  /** `key` was answered 200 for version `when` (for a newer version, the cache starts over). */
  const remember = (key: string, when: number): void => {
    if (!at(when)) return;
    if (answered.size >= maxKnownUrls && !answered.has(key)) {
      // The oldest recorded out first (a Set iterates in insertion order).
      const [oldest] = answered;
      answered.delete(oldest);
    }
    answered.add(key);
  };

  return {
    get(key: string, when: number): CachedResponse | undefined {
      if (when !== version) return undefined;
      const value = entries.get(key);
      if (value) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },

    answered: remember,

    /** Whether `key` was answered 200 for version `when`. */
    knows(key: string, when: number): boolean {
      return when === version && answered.has(key);
    },

    set(key: string, when: number, value: CachedResponse): void {
      remember(key, when);
      if (budgetBytes <= 0 || when !== version) return;
      const size = sizeOf(key, value);
      if (size > maxEntryBytes) return;
      const known = entries.get(key);
      if (known) {
        bytes -= sizeOf(key, known);
        entries.delete(key);
      }
      entries.set(key, value);
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= budgetBytes) break;
        entries.delete(oldest);
        bytes -= sizeOf(oldest, entry);
      }
    },

    /** The content moved on: nothing held is current any more. */
    moveTo(when: number): void {
      at(when);
    },
  };
};

export type ResponseCache = ReturnType<typeof createResponseCache>;
