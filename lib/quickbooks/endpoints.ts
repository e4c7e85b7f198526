import type { Env } from "@/lib/env";

export interface QboEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  userinfo: string;
  /** API host; the API lives under /v3/company/{realmId}. */
  api: string;
  /** Where a person opens a document in QuickBooks (document-url.ts builds the links). */
  app: string;
}

/** `local` is the offline sandbox (sandbox/), which mirrors Intuit's paths on one host. */
export function qboEndpoints(e: Pick<Env, "QBO_ENVIRONMENT" | "QBO_LOCAL_URL">): QboEndpoints {
  if (e.QBO_ENVIRONMENT === "local") {
    const base = e.QBO_LOCAL_URL.replace(/\/$/, "");
    return {
      authorize: `${base}/connect/oauth2`,
      token: `${base}/oauth2/v1/tokens/bearer`,
      revoke: `${base}/v2/oauth2/tokens/revoke`,
      userinfo: `${base}/v1/openid_connect/userinfo`,
      api: base,
      app: `${base}/app`,
    };
  }
  const sandbox = e.QBO_ENVIRONMENT === "sandbox";
  return {
    authorize: "https://appcenter.intuit.com/connect/oauth2",
    token: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
    revoke: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
    userinfo: sandbox
      ? "https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo"
      : "https://accounts.platform.intuit.com/v1/openid_connect/userinfo",
    api: sandbox ? "https://sandbox-quickbooks.api.intuit.com" : "https://quickbooks.api.intuit.com",
    // Where QuickBooks Online serves its pages today (intuit-oauth still lists the older
    // qbo.intuit.com / sandbox.qbo.intuit.com hosts, which redirect here).
    app: sandbox ? "https://app.sandbox.qbo.intuit.com/app" : "https://app.qbo.intuit.com/app",
  };
}
