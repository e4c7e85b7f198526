import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // DESIGN.md's layering, enforced: app/ and inngest/ -> lib/ -> db/.
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app", "@/app/*", "**/app/*"], message: "components/ never import app/: take server actions as props from the page that renders them." }] },
      ],
    },
  },
  {
    // app/ holds entry points (pages, route handlers, server actions); the queries live in lib/, next
    // to the data they read. Pages pass the database from getDb() into lib functions.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "@/db/schema", "@/db/schema/*"], message: "app/ holds no database queries: put the query in lib/ (tenant-scoped, taking db) and call it." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    // Route handler tests call app/'s handlers the way Next would.
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app", "@/app/*", "**/app/*"], message: "lib/ never imports app/: move what both need into lib/." }] },
      ],
    },
  },
  {
    files: ["lib/sync/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "lib/sync/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app", "@/app/*", "**/app/*"], message: "lib/ never imports app/: move what both need into lib/." },
            { group: ["@/inngest", "@/inngest/*", "inngest", "inngest/*"], message: "lib/sync stays framework-free: Inngest wraps it (inngest/functions), never the reverse; take a sender as a dependency." },
            { group: ["@/sandbox", "@/sandbox/*", "**/sandbox/*"], message: "The sandbox stands in for Intuit and shares no code with lib/ (tests aside)." },
          ],
        },
      ],
    },
  },
  // Only lib/env.ts reads the environment (zod-checked); tests, test harnesses, entry-point scripts,
  // the separate sandbox server and tool configs are the exceptions.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "inngest/**/*.ts", "db/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/env.ts", "**/*.test.ts", "**/*.test.tsx", "**/testing/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from lib/env.ts (zod-checked), not process.env." }],
    },
  },
];

export default config;
