/** Scopes Intuit knows, with what the consent page tells the user each one gives the app. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  "com.intuit.quickbooks.accounting":
    "Your QuickBooks company data: chart of accounts, customers, products and services, sales receipts, refunds, deposits, expenses and reports (read and write)",
  "com.intuit.quickbooks.payment": "Process payments and see payment information",
  openid: "Your Intuit user ID",
  profile: "Your name",
  email: "Your e-mail address",
  phone: "Your phone number",
  address: "Your address",
};

export const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

export function parseScopes(raw: string | null): { scopes: string[]; unknown: string[] } {
  const scopes = [...new Set((raw ?? "").split(/[\s+]+/).filter(Boolean))];
  return { scopes, unknown: scopes.filter((s) => !(s in SCOPE_DESCRIPTIONS)) };
}
