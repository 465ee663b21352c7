import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import type PgModule from "pg";
import { migrationProvider } from "./migrations.ts";
import type { Logger } from "../log.ts";
import type { Database } from "./schema.ts";

export const DEFAULT_SQLITE_FILE = "data/wegwijzer.sqlite";

/**
 * Every PostgreSQL call has a deadline: a database that accepts and never answers (a stalled
 * network, a failover in progress) fails the call instead of hanging the bot.
 */
export const POOL_LIMITS = {
  max: 10,
  /** opening a connection */
  connectionTimeoutMillis: 5_000,
  /** the server cancels a statement running longer */
  statement_timeout: 10_000,
  /** the client gives up on an answer (also when the network, not the server, stalls) */
  query_timeout: 12_000,
  /** a transaction left open by a failed caller is ended by the server */
  idle_in_transaction_session_timeout: 15_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
} as const;

export type Dialect = "sqlite" | "postgres";

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
}

/**
 * Opens the store named by DATABASE_URL: `postgres://…` for PostgreSQL; a path, `sqlite:<path>` or
 * nothing for a SQLite file (created on first start, with its folder); `:memory:` for tests.
 */
export function openDatabase(url: string | undefined, log?: Logger): OpenDatabase {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // Loaded only for PostgreSQL: a SQLite bot (the terminal chat, a small install) starts without it.
    const pg = createRequire(import.meta.url)("pg") as typeof PgModule;
    const pool = new pg.Pool({ connectionString: url, ...POOL_LIMITS });
    // A connection dropped by the server (restart, failover, a reset network) must not crash the
    // process, idle or checked out: the pool only listens on idle clients, so every client gets
    // its own listener. The running query fails (and is retried or answered without the store).
    const dropped = (error: Error) => log?.warn({ err: error }, "database connection lost");
    pool.on("error", dropped);
    pool.on("connect", (client) => client.on("error", dropped));
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres" };
  }
  const file = (url ?? DEFAULT_SQLITE_FILE).replace(/^sqlite:(\/\/)?/, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: "sqlite" };
}

/** Brings the schema up to date; safe to run from several instances at once on PostgreSQL (Kysely locks). */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(
      `database migration ${failed?.migrationName ?? ""} failed: ${(error as Error | undefined)?.message ?? "unknown error"}`,
    );
  }
}
