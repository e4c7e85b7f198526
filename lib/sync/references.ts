import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboReferences } from "@/db/schema";
import { CARD_BRAND_NAMES } from "@/lib/accounting/labels";
import type { CardBrand } from "@/lib/accounting/types";
import { US_NOT_TAXABLE } from "@/lib/accounting/us-tax-codes";
import type { QboApi, QboEntity } from "@/lib/quickbooks/api-client";
import { queryLiteral } from "@/lib/quickbooks/query-literal";
import { parseTaxEntity, salesTaxCodeSchema, sumPercents, taxRateSchema } from "@/lib/quickbooks/tax-rates";

/**
 * QuickBooks objects the documents point at, found or created once per connection and remembered
 * in qbo_references. Each is looked up by name before it is created, so a lost database row or a
 * crash between create and commit never makes a second one.
 */
/** A stable request id for a reference create (QuickBooks allows at most 36 characters). */
const requestIdFor = (...parts: string[]) => `sb-${createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 32)}`;

export async function remembered(db: Db, connectionId: string, kind: string, key: string): Promise<string | null> {
  const [row] = await db
    .select({ qboId: qboReferences.qboId })
    .from(qboReferences)
    .where(and(eq(qboReferences.connectionId, connectionId), eq(qboReferences.kind, kind), eq(qboReferences.key, key)));
  return row?.qboId ?? null;
}

async function remember(db: Db, connectionId: string, kind: string, key: string, qboId: string): Promise<void> {
  await db.insert(qboReferences).values({ connectionId, kind, key, qboId }).onConflictDoNothing();
}

export async function undepositedFundsAccountId(db: Db, api: QboApi, connectionId: string): Promise<string> {
  const known = await remembered(db, connectionId, "account", "undeposited_funds");
  if (known) return known;
  const account = await findUndepositedFundsAccount(api);
  if (!account) throw new Error("This QuickBooks company has no Undeposited Funds account.");
  await remember(db, connectionId, "account", "undeposited_funds", account.Id);
  return account.Id;
}

/** The company's Undeposited Funds account (reads only). */
export async function findUndepositedFundsAccount(api: QboApi): Promise<QboEntity | undefined> {
  const accounts = await api.query("Account", "SELECT * FROM Account WHERE AccountType = 'Other Current Asset' MAXRESULTS 1000");
  return accounts.find((a) => a.AccountSubType === "UndepositedFunds");
}

/**
 * The service item whose income account is the given revenue account. One per revenue account and
 * never re-pointed: documents posted earlier keep using the item they used.
 */
export async function serviceItemId(
  db: Db,
  api: QboApi,
  connectionId: string,
  revenue: { id: string; name: string },
  processorName: string,
): Promise<string> {
  const known = await remembered(db, connectionId, "service_item", revenue.id);
  if (known) return known;
  const baseName = serviceItemBaseName(processorName);
  const { item: found, candidates } = await findServiceItem(api, revenue.id, processorName);
  let item = found;
  if (!item) {
    const taken = new Set(candidates.map((c) => String(c.Name).toLowerCase()));
    const name = !taken.has(baseName.toLowerCase()) ? baseName : `${baseName} - ${revenue.name}`.slice(0, 100);
    item = await api.create(
      "Item",
      { Name: name, Type: "Service", IncomeAccountRef: { value: revenue.id, name: revenue.name } },
      requestIdFor(connectionId, "item", revenue.id),
    );
  }
  await remember(db, connectionId, "service_item", revenue.id, item.Id);
  return item.Id;
}

const serviceItemBaseName = (processorName: string) => `${processorName} Card Sales`;

/** The processor's service item already pointing at the revenue account, if any (reads only: the preview uses it too). */
export async function findServiceItem(api: QboApi, revenueAccountId: string, processorName: string): Promise<{ item: QboEntity | undefined; candidates: QboEntity[] }> {
  const candidates = await api.query("Item", `SELECT * FROM Item WHERE Name LIKE ${queryLiteral(`${serviceItemBaseName(processorName)}%`)} MAXRESULTS 1000`);
  const item = candidates.find((c) => (c.IncomeAccountRef as { value?: string } | undefined)?.value === revenueAccountId);
  return { item, candidates };
}

export async function paymentMethodIds(db: Db, api: QboApi, connectionId: string, brands: Iterable<CardBrand>): Promise<Map<CardBrand, string>> {
  const rows = await db
    .select({ key: qboReferences.key, qboId: qboReferences.qboId })
    .from(qboReferences)
    .where(and(eq(qboReferences.connectionId, connectionId), eq(qboReferences.kind, "payment_method")));
  const known = new Map(rows.map((r) => [r.key, r.qboId]));
  const out = new Map<CardBrand, string>();
  const missing: CardBrand[] = [];
  for (const brand of new Set(brands)) {
    const id = known.get(brand);
    if (id) out.set(brand, id);
    else missing.push(brand);
  }
  if (missing.length === 0) return out;
  const existing = await api.queryAll("PaymentMethod");
  for (const brand of missing) {
    const name = CARD_BRAND_NAMES[brand];
    // QuickBooks names are unique without regard to case ("MasterCard" is "Mastercard").
    const found =
      existing.find((m) => String(m.Name).toLowerCase() === name.toLowerCase()) ??
      (await api.create("PaymentMethod", { Name: name, Type: "CREDIT_CARD" }, requestIdFor(connectionId, "payment-method", brand)));
    await remember(db, connectionId, "payment_method", brand, found.Id);
    out.set(brand, found.Id);
  }
  return out;
}

/** The rates of a tax code's sales side (GST/QST QC → GST 5 + QST 9.975) and their combined percent. */
export async function taxCodeRates(api: QboApi, taxCodeId: string): Promise<{ percent: number; components: { taxRateId: string; percent: number }[] }> {
  // US "not taxable" is a pseudo code with no rates behind it.
  if (taxCodeId === US_NOT_TAXABLE) return { percent: 0, components: [] };
  const code = parseTaxEntity(salesTaxCodeSchema, await api.read("TaxCode", taxCodeId), "tax code");
  const components: { taxRateId: string; percent: number }[] = [];
  for (const detail of code.SalesTaxRateList?.TaxRateDetail ?? []) {
    const rate = parseTaxEntity(taxRateSchema, await api.read("TaxRate", detail.TaxRateRef.value), "tax rate");
    components.push({ taxRateId: rate.Id, percent: rate.RateValue });
  }
  const percent = sumPercents(components.map((c) => c.percent));
  return { percent, components };
}
