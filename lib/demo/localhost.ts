/**
 * The interface every process of the demo listens on (portal, sandbox, embedded database): the
 * loopback one, so nothing of the demo — its well-known demo passwords included — is reachable
 * from the network the machine is on.
 */
export const LOCALHOST = "127.0.0.1";
