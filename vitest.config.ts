import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Modules that hold secrets or the database import "server-only", which throws unless resolved
      // under React's react-server condition (Next sets it for server code). Tests run those modules
      // on the server by definition; its no-op build stands in, as scripts/server-only-hook.mjs does
      // for the tsx entry points.
      "server-only": path.join(path.dirname(createRequire(import.meta.url).resolve("server-only")), "empty.js"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    // Database suites each create their own PostgreSQL database; the machine has 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["./db/testing/global-setup.ts"],
    // Notification emails of suites that do not read them go nowhere (never to a demo's mail catcher on 1025).
    env: { SMTP_URL: "smtp://127.0.0.1:9" },
  },
});
