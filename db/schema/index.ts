export * from "./tenancy";
export * from "./processor";
export * from "./quickbooks";
export * from "./audit";
export * from "./sync";
export * from "./invitations";
