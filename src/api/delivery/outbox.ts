import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { rowsOf, type RawRows } from '../../platform/sql';

/**
 * The outbox. A notification to the city website or an e-mail is a row of `outbox_deliveries`,
 * written in the transaction of the change that causes it (so a change and its notifications are
 * saved together or not at all), then delivered by a worker that every instance runs:
 *
 * - a row is claimed with a lease (`lease_until`) by one atomic UPDATE; on PostgreSQL the rows are
 *   picked with FOR UPDATE SKIP LOCKED, so two instances never claim the same row and never wait
 *   for each other; SQLite has a single writer, which makes the same UPDATE atomic;
 * - a delivery that fails is tried again later (exponential backoff, up to a number of attempts,
 *   then `failed`); a process that stops while delivering leaves its lease, which expires, and the
 *   row is delivered by whichever instance claims it next, also after a restart;
 * - staff see every row in the admin panel (type « Envoi »): pending, delivered and failed ones.
 *
 * Delivery is at least once: a process killed between the receiver's answer and the row's update
 * delivers that row again. Each delivery carries a stable identifier (`x-webhook-id`, the row's
 * documentId) so that a receiver can ignore a repeat.
 */
export const DELIVERY_UID = 'api::delivery.delivery';
const TABLE = 'outbox_deliveries';

export type Channel = 'webhook' | 'email';

export interface Delivery {
  id: number;
  documentId: string;
  channel: Channel;
  payload: Record<string, unknown>;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** Sends one delivery; throws when it was not accepted. */
export type Sender = (delivery: Delivery) => Promise<void>;

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Attempts and first retry delay of a channel (the delay doubles at each retry, up to an hour). */
export const retryPolicy = (
  channel: Channel,
): { maxAttempts: number; retryMs: number; maxDelayMs: number } =>
  channel === 'webhook'
    ? {
        maxAttempts: intFromEnv('WEBSITE_WEBHOOK_MAX_ATTEMPTS', 12),
        retryMs: intFromEnv('WEBSITE_WEBHOOK_RETRY_MS', 1000),
        maxDelayMs: intFromEnv('OUTBOX_MAX_RETRY_DELAY_MS', 3_600_000),
      }
    : {
        maxAttempts: intFromEnv('EMAIL_MAX_ATTEMPTS', 12),
        retryMs: intFromEnv('EMAIL_RETRY_MS', 1000),
        maxDelayMs: intFromEnv('OUTBOX_MAX_RETRY_DELAY_MS', 3_600_000),
      };

/** When the next attempt is due after `attempts` failed ones. */
export const nextAttemptDelay = (channel: Channel, attempts: number): number => {
  const { retryMs, maxDelayMs } = retryPolicy(channel);
  return Math.min(maxDelayMs, retryMs * 2 ** Math.max(0, attempts - 1));
};

let worker: OutboxWorker | undefined;

/** What Strapi passes to a transaction's callback, as far as the outbox uses it. */
interface TransactionCallbacks {
  onCommit: (callback: () => void) => void;
}

/**
 * Adds a delivery to the outbox, in the transaction of the caller when there is one: it exists only
 * if that transaction commits. The worker is woken once the row is committed.
 */
export const enqueue = async (
  strapi: Core.Strapi,
  channel: Channel,
  summary: string,
  payload: Record<string, unknown>,
): Promise<void> => {
  await strapi.db.transaction(async ({ onCommit }: TransactionCallbacks) => {
    await strapi.db.query(DELIVERY_UID).create({
      data: {
        channel,
        summary: summary.slice(0, 255),
        payload,
        deliveryState: 'pending',
        attempts: 0,
        nextAttemptAt: Date.now(),
        publishedAt: new Date(),
      },
    });
    onCommit(() => worker?.wake());
  });
};

interface ClaimedRow {
  id: number | string;
  document_id: string;
  channel: Channel;
  payload: string | Record<string, unknown>;
  attempts: number | string;
}

/** Claims up to `limit` due deliveries for `leaseMs`, atomically (see the module's comment). */
const claim = async (
  strapi: Core.Strapi,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<Delivery[]> => {
  const now = Date.now();
  // A read first: most polls find nothing due, and then take no write lock (on SQLite a write
  // locks the whole file, which another process sharing it would feel).
  const due = await strapi.db
    .connection(TABLE)
    .select('id')
    .where('delivery_state', 'pending')
    .andWhere((query) => {
      void query.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now);
    })
    .andWhere((query) => {
      void query.whereNull('lease_until').orWhere('lease_until', '<', now);
    })
    .first<{ id: number | string } | undefined>();
  if (!due) return [];
  const lock = strapi.db.dialect.client === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  const result = await strapi.db.connection.raw<RawRows<ClaimedRow>>(
    `UPDATE ${TABLE} SET lease_until = ?, lease_owner = ?, attempts = COALESCE(attempts, 0) + 1
     WHERE id IN (
       SELECT id FROM ${TABLE}
       WHERE delivery_state = 'pending' AND COALESCE(next_attempt_at, 0) <= ? AND COALESCE(lease_until, 0) < ?
       ORDER BY id LIMIT ? ${lock}
     )
     RETURNING id, document_id, channel, payload, attempts`,
    [now + leaseMs, owner, now, now, limit],
  );
  return rowsOf(result)
    .map((row) => ({
      id: Number(row.id),
      documentId: row.document_id,
      channel: row.channel,
      payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<
        string,
        unknown
      >,
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
};

const errorText = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${message}${cause}`.slice(0, 2000);
};

export interface OutboxWorker {
  /** Looks for due deliveries now instead of at the next poll. */
  wake(): void;
  /** Stops claiming, and waits for the deliveries under way (each bounded by its time limit). */
  stop(): Promise<void>;
}

/**
 * Starts this instance's worker: it polls every OUTBOX_POLL_MS (1 s) and whenever a delivery is
 * committed, and delivers what is due with `senders`, a few at a time.
 */
export const startOutboxWorker = (
  strapi: Core.Strapi,
  senders: Record<Channel, Sender>,
  {
    pollMs = intFromEnv('OUTBOX_POLL_MS', 1000),
    leaseMs = intFromEnv('OUTBOX_LEASE_MS', 120_000),
    batch = 10,
  } = {},
): OutboxWorker => {
  const owner = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;
  let dbWarned = false;

  const settle = async (delivery: Delivery, error: unknown): Promise<void> => {
    const query = strapi.db.query(DELIVERY_UID);
    const where = { id: delivery.id, leaseOwner: owner };
    if (error === undefined) {
      await query.update({
        where,
        data: {
          deliveryState: 'delivered',
          deliveredAt: new Date(),
          leaseUntil: null,
          lastError: null,
          // Once delivered, an e-mail's sealed body (which may hold a link to choose a password) is dropped.
          ...(delivery.channel === 'email' ? { payload: { ...delivery.payload, sealed: undefined } } : {}),
        },
      });
      return;
    }
    const { maxAttempts } = retryPolicy(delivery.channel);
    const failed = delivery.attempts >= maxAttempts;
    await query.update({
      where,
      data: {
        deliveryState: failed ? 'failed' : 'pending',
        nextAttemptAt: Date.now() + nextAttemptDelay(delivery.channel, delivery.attempts),
        leaseUntil: null,
        lastError: errorText(error),
      },
    });
    const log = failed ? strapi.log.error.bind(strapi.log) : strapi.log.warn.bind(strapi.log);
    log(
      `[outbox] ${delivery.channel} ${delivery.documentId}: ${errorText(error)} (attempt ${delivery.attempts}${
        failed ? ', given up' : ''
      })`,
    );
  };

  const deliverOne = async (delivery: Delivery): Promise<void> => {
    let outcome: unknown;
    try {
      await senders[delivery.channel](delivery);
    } catch (error) {
      outcome = error ?? new Error('failed');
    }
    try {
      await settle(delivery, outcome);
    } catch (error) {
      // The database is away: the lease expires and the row is tried again (at least once).
      strapi.log.warn(`[outbox] ${delivery.documentId}: could not record the outcome: ${errorText(error)}`);
    }
  };

  // Deliveries under way: up to `batch` at once, each settled on its own (a slow receiver does not
  // hold back the others).
  const inFlight = new Set<Promise<void>>();

  const drain = async (): Promise<void> => {
    do {
      again = false;
      while (!stopped && inFlight.size < batch) {
        let claimed: Delivery[];
        try {
          claimed = await claim(strapi, owner, leaseMs, batch - inFlight.size);
          dbWarned = false;
        } catch (error) {
          if (!dbWarned) strapi.log.warn(`[outbox] cannot read the outbox: ${errorText(error)}`);
          dbWarned = true;
          return;
        }
        if (claimed.length === 0) break;
        for (const delivery of claimed) {
          const done: Promise<void> = deliverOne(delivery).finally(() => {
            inFlight.delete(done);
            tick();
          });
          inFlight.add(done);
        }
      }
    } while (again && !stopped);
  };

  const tick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  };

  const timer = setInterval(tick, pollMs);
  timer.unref();
  tick();

  const instance: OutboxWorker = {
    wake: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all([...inFlight]);
      if (worker === instance) worker = undefined;
    },
  };
  worker = instance;
  return instance;
};

/** The delivery rows as staff see them (for tests and the admin). */
export const outboxCounts = async (strapi: Core.Strapi): Promise<Record<string, number>> => {
  const rows = await strapi.db
    .connection(TABLE)
    .select<Array<{ delivery_state: string; n: number | string }>>('delivery_state')
    .count('* as n')
    .groupBy('delivery_state');
  return Object.fromEntries(rows.map((row) => [row.delivery_state, Number(row.n)]));
};
