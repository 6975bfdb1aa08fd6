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
export const createResponseCache = (budgetBytes: number, maxEntryBytes: number) => {
  const entries = new Map<string, CachedResponse>();
  let version = -1;
  let bytes = 0;

  const sizeOf = (key: string, value: CachedResponse): number => 2 * key.length + value.body.length + 64;

  const clear = (): void => {
    entries.clear();
    bytes = 0;
  };

  return {
    get(key: string, at: number): CachedResponse | undefined {
      if (at !== version) return undefined;
      const value = entries.get(key);
      if (value) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },

    set(key: string, at: number, value: CachedResponse): void {
      if (budgetBytes <= 0) return;
      if (at !== version) {
        // Built for a newer version than the cache holds: start it over; for an older one: dropped.
        if (at < version) return;
        clear();
        version = at;
      }
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
    moveTo(at: number): void {
      if (at > version) {
        clear();
        version = at;
      }
    },

    stats: () => ({ entries: entries.size, bytes, version }),
  };
};

export type ResponseCache = ReturnType<typeof createResponseCache>;
