/**
 * At most `limit` works at a time; the others wait, first come first served. A slot is handed
 * from the work that ends to the first waiting one, so none is overtaken by a later arrival.
 * `limit` ≤ 0: no limit.
 */
export const createSlots = (limit: number) => {
  let busy = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else busy -= 1;
  };

  return {
    /** Runs `work` once a slot is free; gives its result and how long it waited (ms). */
    async run<T>(work: () => Promise<T>): Promise<{ value: T; waitedMs: number }> {
      const queued = performance.now();
      if (limit > 0 && busy >= limit) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
        });
      } else {
        busy += 1;
      }
      const waitedMs = performance.now() - queued;
      try {
        return { value: await work(), waitedMs };
      } finally {
        release();
      }
    },
    /** Works under way and works waiting for a slot. */
    get busy(): number {
      return busy;
    },
    get waiting(): number {
      return waiting.length;
    },
  };
};

export type Slots = ReturnType<typeof createSlots>;

/**
 * How many anonymous answers an instance builds at once (PUBLIC_BUILDS_MAX, 4 by default; 0: no
 * limit). Building an answer holds what the Document Service read and the sanitiser's copies; 50
 * connections on pages nobody kept (the response cache off, a crawler on URLs not yet asked for)
 * would otherwise hold 50 of them at once, for no more requests per second: one Node.js thread
 * builds them, and four overlap its work with the database's.
 */
export const publicBuildsMax = (): number => {
  const raw = process.env.PUBLIC_BUILDS_MAX;
  if (raw === undefined || raw.trim() === '') return 4;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : 4;
};
