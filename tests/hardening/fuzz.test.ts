import { describe, expect, it } from "vitest";
import { fuzzRequests, runFuzz } from "../../src/cli/fuzz.ts";
import { sharedBrain } from "../helpers/bot.ts";
import { createTestDatabase, postgresAvailable } from "../helpers/postgres.ts";

/**
 * A seeded sample of `npm run fuzz` on every run: malformed-but-verified requests (signed Slack
 * payloads, Teams activities in loopback mode) and valid ones. Any 5xx or crash fails.
 */
const hasPostgres = await postgresAvailable();
const SAMPLE = { seed: 20261123, malformed: 300, valid: 30, concurrency: 4 };

describe("fuzz sample", () => {
  it("is seeded: the same seed gives the same requests", () => {
    const a = fuzzRequests({ ...SAMPLE, connectorUrl: "http://127.0.0.1:1" }).map((r) => `${r.target} ${r.category}`);
    const b = fuzzRequests({ ...SAMPLE, connectorUrl: "http://127.0.0.1:1" }).map((r) => `${r.target} ${r.category}`);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(20);
  });

  it("builds every seed's requests (no garbage value is shared between requests, so none becomes a cycle)", () => {
    // seed 11 once wrote a garbage array into itself and `npm run fuzz` died with the bot left running
    for (let seed = 1; seed <= 40; seed++) {
      const requests = fuzzRequests({ seed, malformed: 2000, valid: 0, connectorUrl: "http://127.0.0.1:1" });
      expect(requests.length, `seed ${seed}`).toBeGreaterThanOrEqual(2000);
    }
  });

  it("never answers 5xx and never crashes on SQLite", async () => {
    const report = await runFuzz({ ...SAMPLE, databaseUrl: ":memory:", brain: sharedBrain() });
    expect(report.samples).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.crashes).toBe(0);
    expect(report.stillHealthy).toBe(true);
    expect(report.answered.slack + report.answered.teams).toBeGreaterThanOrEqual(SAMPLE.valid);
  }, 120_000);

  it.skipIf(!hasPostgres)(
    "never answers 5xx and never crashes on PostgreSQL",
    async () => {
      const db = await createTestDatabase();
      try {
        const report = await runFuzz({ ...SAMPLE, seed: SAMPLE.seed + 1, databaseUrl: db.url, brain: sharedBrain() });
        expect(report.samples).toEqual([]);
        expect(report.serverErrors).toBe(0);
        expect(report.crashes).toBe(0);
        expect(report.stillHealthy).toBe(true);
      } finally {
        await db.drop();
      }
    },
    120_000,
  );
});
