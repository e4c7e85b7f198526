/**
 * `npm run sandbox`: the offline Intuit OAuth + QuickBooks Online API stand-in on SANDBOX_PORT
 * (default 4010). Every variable is described in sandbox/README.md.
 */
import { SandboxConfigError, sandboxConfigFromEnv, type SandboxCliConfig } from "./platform/cli-config";
import { startSandbox } from "./server";

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

let config: SandboxCliConfig;
try {
  config = sandboxConfigFromEnv(process.env);
} catch (error) {
  if (error instanceof SandboxConfigError) fail(error.message);
  throw error;
}

const sandbox = await startSandbox(config).catch((error: Error) => fail(`cannot start: ${error.message}`));

console.log(`QuickBooks sandbox listening on ${sandbox.url}`);
console.log(`  apps: ${config.apps.map((a) => a.clientId).join(", ")}; state: ${config.dataFile ?? "in memory"}`);
console.log(`  admin API: ${sandbox.context.settings.adminApi ? `${sandbox.url}/_sandbox` : "off"}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
