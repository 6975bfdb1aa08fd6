/**
 * Small helpers for the raw SQL that runs on both databases (the website's statistics and search,
 * the outbox, the rate limits).
 */

/** What `knex.raw` resolves to: the rows themselves on SQLite, a result holding `rows` on PostgreSQL. */
export type RawRows<T> = { rows?: T[] } | T[];

/** The rows of a `knex.raw` result, on either database. */
export const rowsOf = <T>(result: RawRows<T>): T[] => (Array.isArray(result) ? result : (result.rows ?? []));

/** A table or column name as an SQL identifier (double quotes, doubled inside). */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A text as an SQL string literal (single quotes, doubled inside), for DDL that takes no bindings. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
