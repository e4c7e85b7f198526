/**
 * `tsx --import ./scripts/server-only-hook.mjs`: lets the entry-point scripts (seed, demo, sync,
 * benchmarks, the e2e web server) load modules marked `import "server-only"`.
 *
 * That package throws unless it is resolved under React's "react-server" condition, which Next sets
 * for server code. The scripts cannot run under that condition as a whole: React's react-server
 * build has no react-dom/server, and the notification emails render with it. So this hook adds the
 * condition for the one specifier "server-only" and leaves every other import as it was.
 */
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
