/**
 * The test harnesses drop and recreate databases. They do that only on a PostgreSQL server of
 * this machine: a TEST_DATABASE_URL pointing anywhere else (a shared or production server) is
 * refused before anything is dropped.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function assertLocalServer(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to drop or create test databases on "${host}": the test harness only works on a PostgreSQL server on localhost.`);
  }
}
