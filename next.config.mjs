import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_server/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships ~30 MB of wasm; keep it (and the native argon2 binding) out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "intuit-oauth"],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repository before building; no need to check twice.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
