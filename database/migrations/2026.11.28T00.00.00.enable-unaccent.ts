import type { Knex } from 'knex';

/**
 * PostgreSQL: the `unaccent` extension lets full-text search match "lurcat" with "Lurçat". It is a
 * trusted extension: a role with CREATE on the database may add it. Where that is not possible,
 * search uses the portable ranking and logs a warning. Nothing to do on SQLite.
 */
export async function up(knex: Knex): Promise<void> {
  if ((knex.client as { dialect: string }).dialect !== 'postgresql') return;
  const result = await knex.raw<{ rows: Array<{ available: boolean; allowed: boolean }> }>(
    `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') AS available,
            has_database_privilege(current_database(), 'CREATE') AS allowed`,
  );
  const { available, allowed } = result.rows[0];
  if (available && allowed) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS unaccent');
  } else {
    console.warn('[migration] unaccent cannot be enabled here: search will use the portable ranking');
  }
}

/** The extension is left in place: other objects may use it. */
export async function down(): Promise<void> {}
