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

/** A link or component table of Strapi's metadata: its name, its two id columns, what it is filtered on. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  on?: Record<string, string>;
}

/** What raw SQL needs of a type's metadata (`strapi.db.metadata.get(uid)`). */
export interface TableMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable; target?: string } | undefined>;
}

/** An attribute's column name. */
export const column = (meta: TableMeta, attribute: string): string =>
  meta.attributes[attribute]?.columnName ?? attribute;

/** The link (or component) table of a relation attribute; a missing one is a programming error. */
export const joinOf = (uid: string, meta: TableMeta, attribute: string): JoinTable => {
  const join = meta.attributes[attribute]?.joinTable;
  if (!join) throw new Error(`${uid}.${attribute}: no join table`);
  return join;
};
