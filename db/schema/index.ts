export * from "./tenancy";
export * from "./processor";
