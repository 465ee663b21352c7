import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server the PostgreSQL tests use; CI starts it (see .ci/run). */
export const POSTGRES_BASE_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_BASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether to run the PostgreSQL tests. With REQUIRE_POSTGRES=1 (CI) an unreachable server is an
 * error, not a skip; without it, a machine without PostgreSQL still runs every other test.
 */
export async function postgresAvailable(): Promise<boolean> {
  const ok = await reachable();
  if (!ok && process.env.REQUIRE_POSTGRES === "1")
    throw new Error(`PostgreSQL is required but not reachable at ${POSTGRES_BASE_URL}`);
  if (!ok)
    console.warn(
      `PostgreSQL not reachable at ${POSTGRES_BASE_URL}: its tests are skipped (set REQUIRE_POSTGRES=1 to fail instead)`,
    );
  return ok;
}

/** A fresh, empty database for one test file; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wegwijzer_test_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_BASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_BASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_BASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * Both stores for `describe.each`: SQLite in memory, and a fresh PostgreSQL database for this test
 * file (created before its tests and dropped after; skipped without a server, unless REQUIRE_POSTGRES=1).
 */
export async function storeBackends(): Promise<{ name: string; url: () => string; skip: boolean }[]> {
  const { beforeAll, afterAll } = await import("vitest");
  const hasPostgres = await postgresAvailable();
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    if (hasPostgres) database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return [
    { name: "sqlite", url: () => ":memory:", skip: false },
    { name: "postgres", url: () => database!.url, skip: !hasPostgres },
  ];
}
