import { defineConfig } from "vitest/config";

// Generous limits: the suite must stay green on a busy 2-core machine. No test measures speed;
// these only stop a test that hangs.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
