/**
 * "Preview a day": one real ended business day of a business, built exactly as the engine would
 * post it with a given mapping — the same lib/accounting builders, fed the same records — and
 * shown with the journal each document produces. It only READS QuickBooks (tax rates, the
 * Undeposited Funds account, an existing service item and payment methods); a reference the first
 * sync would create is shown as "new" instead. It writes nothing anywhere.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardTransactions, fees, qboPauses, settlementDeposits, syncItems } from "@/db/schema";
import { AccountingError } from "@/lib/accounting/errors";
import { depositTieOut, journalOf, type DepositTieOut, type JournalView } from "@/lib/accounting/journal";
import { CARD_BRAND_NAMES } from "@/lib/accounting/labels";
import { fromQboAmount } from "@/lib/accounting/money";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "@/lib/accounting/posting-document";
import type { PostingDocument } from "@/lib/accounting/qbo-documents";
import { buildReceipt } from "@/lib/accounting/receipt";
import type { CardBrand, MappingIds, PostingContext, SettledTransaction, Settlement } from "@/lib/accounting/types";
import { businessDateOf } from "@/lib/processor/timezone";
import type { QboApi } from "@/lib/quickbooks/api-client";
import { addDays, type IsoDate } from "./dates";
import { originals, withOriginal } from "./load";
import { findServiceItem, findUndepositedFundsAccount, remembered, taxCodeRates } from "./references";
import type { MappedReferences } from "@/lib/quickbooks/mapping/mapping-health";

/** Stands for a QuickBooks object the first sync creates (service item, payment method, receipt). */
const NEW_REFERENCE = "new";
/** Stands for an account or customer the setup's Confirm creates (one id per slot so they stay apart). */
export const newSlotReference = (slot: "revenue" | "expense" | "customer") => `new:${slot}`;
const isNewReference = (id: string) => id === NEW_REFERENCE || id.startsWith("new:");

export interface PreviewMapping extends MappingIds {
  names: { bank: string; revenue: string; expense: string; customer: string; taxCode: string };
}

export interface PreviewDocument {
  entity: PostingDocument["entity"];
  processorId: string;
  docNumber: string;
  txnDate: IsoDate;
  /** Each line of the document as QuickBooks will show it (signed amounts, as posted). */
  lines: { description: string; amountMinor: number }[];
  taxMinor: number | null;
  totalMinor: number;
  journal: JournalView;
  /** Deposits and negative settlements: receipts − fees = paid to the bank. */
  tieOut: DepositTieOut | null;
}

export interface DayPreview {
  businessDate: IsoDate;
  documents: PreviewDocument[];
  /** Records the builders refuse (bad data): named, never silently dropped. */
  refused: { processorId: string; message: string }[];
  /** Names of the accounts the journals touch, by id (sales tax by rate or code id). */
  accountNames: Record<string, string>;
}

export interface PreviewInput {
  businessId: string;
  timezone: string;
  /** The connection, when there is one: posted items, the connection day and pauses shape deposits. */
  connection: { id: string; connectedOn: string | null; usesUsSalesTax: boolean; automatedSalesTax: boolean } | null;
  mapping: PreviewMapping;
  processorName: string;
  now: Date;
}

/** The latest ended business day with any card activity, fee or deposit; null when there is none. */
async function latestActiveDay(db: Db, businessId: string, lastEndedDay: IsoDate): Promise<IsoDate | null> {
  const [row] = await db.execute<{ day: string | null }>(sql`
    select max(day)::text as day from (
      select max(business_date) as day from card_transactions where business_id = ${businessId} and business_date <= ${lastEndedDay}
      union all select max(business_date) from fees where business_id = ${businessId} and business_date <= ${lastEndedDay}
      union all select max(deposit_date) from settlement_deposits where business_id = ${businessId} and deposit_date <= ${lastEndedDay}
    ) days`);
  return row?.day ?? null;
}

export async function previewDay(db: Db, api: QboApi, input: PreviewInput): Promise<DayPreview | null> {
  const lastEndedDay = addDays(businessDateOf(input.now, input.timezone), -1);
  const day = await latestActiveDay(db, input.businessId, lastEndedDay);
  if (!day) return null;
  const { context, accountNames } = await previewContext(db, api, input);

  const documents: PreviewDocument[] = [];
  const refused: DayPreview["refused"] = [];
  const add = (processorId: string, build: () => PostingDocument, settlement?: Settlement) => {
    try {
      const document = build();
      documents.push(describe(processorId, document, context, settlement));
    } catch (error) {
      if (!(error instanceof AccountingError)) throw error;
      refused.push({ processorId, message: error.message });
    }
  };

  const transactions = await db
    .select({ transaction: cardTransactions, original: { amountMinor: originals.amountMinor, taxMinor: originals.taxMinor, tipMinor: originals.tipMinor } })
    .from(cardTransactions)
    .leftJoin(originals, and(eq(originals.id, cardTransactions.originalTransactionId), eq(originals.businessId, input.businessId)))
    .where(and(eq(cardTransactions.businessId, input.businessId), eq(cardTransactions.businessDate, day)))
    .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id));
  for (const { transaction, original } of transactions) add(transaction.processorId, () => buildReceipt(withOriginal(transaction, original), context));

  const deposits = await db
    .select()
    .from(settlementDeposits)
    .where(and(eq(settlementDeposits.businessId, input.businessId), eq(settlementDeposits.depositDate, day)))
    .orderBy(asc(settlementDeposits.id));
  const settlements = await settlementsOf(db, input, deposits);
  for (const settlement of settlements) add(settlement.deposit.processorId, () => buildSettlementDocument(settlement, context), settlement);

  const standaloneFees = await db
    .select()
    .from(fees)
    .where(and(eq(fees.businessId, input.businessId), eq(fees.businessDate, day), isNull(fees.depositId)))
    .orderBy(asc(fees.occurredAt), asc(fees.id));
  for (const fee of standaloneFees) add(fee.processorId, () => buildStandaloneFeeDocument(fee, context));

  return { businessDate: day, documents, refused, accountNames };
}

function describe(processorId: string, document: PostingDocument, context: PostingContext, settlement?: Settlement): PreviewDocument {
  const base = { entity: document.entity, processorId, docNumber: document.body.DocNumber, txnDate: document.body.TxnDate, journal: journalOf(document, context) };
  switch (document.entity) {
    case "SalesReceipt":
    case "RefundReceipt": {
      const lines = document.body.Line.map((l) => ({ description: l.Description ?? "", amountMinor: fromQboAmount(l.Amount) }));
      const taxMinor = fromQboAmount(document.body.TxnTaxDetail.TotalTax);
      return { ...base, lines, taxMinor, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0) + taxMinor, tieOut: null };
    }
    case "Deposit": {
      const lines = document.body.Line.map((l) => ({
        description: "LinkedTxn" in l ? `${l.LinkedTxn[0].TxnType} ${l.LinkedTxn[0].TxnId}` : l.Description,
        amountMinor: fromQboAmount(l.Amount),
      }));
      return { ...base, lines, taxMinor: null, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0), tieOut: settlement ? depositTieOut(settlement) : null };
    }
    case "JournalEntry": {
      const lines = document.body.Line.map((l) => ({
        description: l.Description,
        amountMinor: (l.JournalEntryLineDetail.PostingType === "Debit" ? 1 : -1) * fromQboAmount(l.Amount),
      }));
      return { ...base, lines, taxMinor: null, totalMinor: settlement?.deposit.amountMinor ?? 0, tieOut: settlement ? depositTieOut(settlement) : null };
    }
    case "Purchase": {
      const lines = document.body.Line.map((l) => ({ description: l.Description, amountMinor: fromQboAmount(l.Amount) }));
      return { ...base, lines, taxMinor: null, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0), tieOut: null };
    }
  }
}

/**
 * What each deposit settles, with each transaction's standing as the engine would see it: its sync
 * item when it has one; otherwise never posted when dated before the connection day or inside a
 * pause, and otherwise a receipt the sync posts first (linked as a new receipt).
 */
async function settlementsOf(db: Db, input: PreviewInput, deposits: (typeof settlementDeposits.$inferSelect)[]): Promise<Settlement[]> {
  if (deposits.length === 0) return [];
  const ids = deposits.map((d) => d.id);
  const connectionId = input.connection?.id ?? null;
  const settled = await db
    .select({
      depositId: cardTransactions.depositId,
      processorId: cardTransactions.processorId,
      kind: cardTransactions.kind,
      amountMinor: cardTransactions.amountMinor,
      businessDate: cardTransactions.businessDate,
      itemStatus: syncItems.status,
      qboId: syncItems.qboId,
    })
    .from(cardTransactions)
    .leftJoin(
      syncItems,
      and(sql`${syncItems.connectionId} = ${connectionId}`, eq(syncItems.recordType, "transaction"), eq(syncItems.recordId, cardTransactions.id)),
    )
    .where(and(eq(cardTransactions.businessId, input.businessId), inArray(cardTransactions.depositId, ids)))
    .orderBy(asc(cardTransactions.occurredAt), asc(cardTransactions.id));
  const settledFees = await db
    .select({ depositId: fees.depositId, processorId: fees.processorId, kind: fees.kind, amountMinor: fees.amountMinor })
    .from(fees)
    .where(and(eq(fees.businessId, input.businessId), inArray(fees.depositId, ids)))
    .orderBy(asc(fees.occurredAt), asc(fees.id));
  const pauses = connectionId
    ? await db.select().from(qboPauses).where(eq(qboPauses.connectionId, connectionId))
    : [];
  const inPause = (date: string) => pauses.some((p) => date >= p.pausedFrom && (p.resumedOn === null || date < p.resumedOn));
  const connectedOn = input.connection?.connectedOn ?? null;

  const standing = (t: (typeof settled)[number]): SettledTransaction["posting"] => {
    if (t.itemStatus === "posted" && t.qboId) return { status: "posted", qboTxnId: t.qboId };
    if (t.itemStatus === "resolved") return { status: "resolved" };
    if (t.itemStatus === "before_connection" || (connectedOn && t.businessDate < connectedOn)) return { status: "before_connection" };
    if (t.itemStatus === "skipped_paused" || inPause(t.businessDate)) return { status: "paused" };
    return { status: "posted", qboTxnId: NEW_REFERENCE };
  };
  return deposits.map((d) => ({
    deposit: { processorId: d.processorId, amountMinor: d.amountMinor, depositDate: d.depositDate },
    transactions: settled
      .filter((t) => t.depositId === d.id)
      .map((t) => ({ transaction: { processorId: t.processorId, kind: t.kind, amountMinor: t.amountMinor }, posting: standing(t) })),
    fees: settledFees.filter((f) => f.depositId === d.id),
  }));
}

/** The posting context the engine would resolve, read-only: what the first sync creates is NEW_REFERENCE. */
async function previewContext(db: Db, api: QboApi, input: PreviewInput): Promise<{ context: PostingContext; accountNames: Record<string, string> }> {
  const { mapping, connection } = input;
  const known = (kind: string, key: string) => (connection ? remembered(db, connection.id, kind, key) : Promise.resolve(null));

  const undeposited = (await known("account", "undeposited_funds")) ?? (await findUndepositedFundsAccount(api))?.Id ?? NEW_REFERENCE;
  const serviceItem =
    (await known("service_item", mapping.revenueAccountId)) ??
    (isNewReference(mapping.revenueAccountId) ? undefined : (await findServiceItem(api, mapping.revenueAccountId, input.processorName)).item?.Id) ??
    NEW_REFERENCE;
  const methods = await api.queryAll("PaymentMethod");
  const paymentMethodIds: Partial<Record<CardBrand, string>> = {};
  for (const brand of Object.keys(CARD_BRAND_NAMES) as CardBrand[]) {
    const name = CARD_BRAND_NAMES[brand].toLowerCase();
    paymentMethodIds[brand] = (await known("payment_method", brand)) ?? methods.find((m) => String(m.Name).toLowerCase() === name)?.Id ?? NEW_REFERENCE;
  }
  const taxRate = await taxCodeRates(api, mapping.taxCodeId);
  const usesUsSalesTax = connection?.usesUsSalesTax ?? false;

  const accountNames: Record<string, string> = {
    [mapping.bankAccountId]: mapping.names.bank,
    [mapping.revenueAccountId]: mapping.names.revenue,
    [mapping.expenseAccountId]: mapping.names.expense,
    [undeposited]: "Undeposited Funds",
    [mapping.taxCodeId]: mapping.names.taxCode,
  };
  for (const component of taxRate.components) accountNames[component.taxRateId] = `${mapping.names.taxCode} (${component.percent} %)`;
  return {
    context: {
      company: { usesUsSalesTax, automatedSalesTax: connection?.automatedSalesTax ?? false },
      mapping: { bankAccountId: mapping.bankAccountId, revenueAccountId: mapping.revenueAccountId, expenseAccountId: mapping.expenseAccountId, customerId: mapping.customerId, taxCodeId: mapping.taxCodeId },
      serviceItemId: serviceItem,
      paymentMethodIds,
      undepositedFundsAccountId: undeposited,
      taxRate,
    },
    accountNames,
  };
}

/** A saved mapping version as the preview takes it. */
export function previewMappingOf(version: MappedReferences): PreviewMapping {
  return {
    bankAccountId: version.bankAccountId,
    revenueAccountId: version.revenueAccountId,
    expenseAccountId: version.expenseAccountId,
    customerId: version.customerId,
    taxCodeId: version.taxCodeId,
    names: { bank: version.bankAccountName, revenue: version.revenueAccountName, expense: version.expenseAccountName, customer: version.customerName, taxCode: version.taxCodeName },
  };
}
