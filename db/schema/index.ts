export * from "./tenancy";
export * from "./processor";
export * from "./quickbooks";
export * from "./audit";
export * from "./sync";
export * from "./schedule";
export * from "./notify";
export * from "./invitations";
