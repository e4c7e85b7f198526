import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { qboMappingVersions } from "@/db/schema";
import { fromQboAmount } from "@/lib/accounting/money";
import type { FeeKind, TransactionKind } from "@/lib/accounting/types";
import type { QboApi, QboEntity } from "@/lib/quickbooks/api-client";
import { monthBounds } from "./month";
import { reconcileMonth, type ItemStatus, type MonthDeposit, type MonthFee, type MonthReconciliation, type MonthTransaction } from "./reconcile";

/**
 * Loads a month of a business's processor records with how each stands in the sync, reads back
 * from QuickBooks the documents Settlebooks posted for them (by their QuickBooks ids), and
 * reconciles the two. Only reads, in QuickBooks and here.
 */
export async function monthStatement(db: Db, api: QboApi, input: { businessId: string; connectionId: string; month: string }): Promise<MonthReconciliation> {
  const { first, last } = monthBounds(input.month);
  const { businessId, connectionId } = input;

  const transactions = await db.execute<{
    processor_id: string;
    kind: TransactionKind;
    business_date: string;
    amount_minor: string | number;
    tax_minor: string | number | null;
    status: ItemStatus;
    qbo_id: string | null;
    qbo_entity: string | null;
    fault_message: string | null;
  }>(sql`
    select t.processor_id, t.kind, to_char(t.business_date, 'YYYY-MM-DD') as business_date, t.amount_minor, t.tax_minor,
      s.status, s.qbo_id, s.qbo_entity, s.fault_message
    from card_transactions t
    left join sync_items s on s.connection_id = ${connectionId} and s.record_type = 'transaction' and s.record_id = t.id
    where t.business_id = ${businessId} and t.business_date between ${first} and ${last}
    order by t.business_date, t.occurred_at, t.id`);

  const feeRows = await db.execute<{
    processor_id: string;
    kind: FeeKind;
    business_date: string;
    amount_minor: string | number;
    deposit_processor_id: string | null;
    status: ItemStatus;
    qbo_id: string | null;
    qbo_entity: string | null;
    fault_message: string | null;
  }>(sql`
    select f.processor_id, f.kind, to_char(f.business_date, 'YYYY-MM-DD') as business_date, f.amount_minor,
      d.processor_id as deposit_processor_id,
      coalesce(sd.status, sf.status) as status, coalesce(sd.qbo_id, sf.qbo_id) as qbo_id,
      coalesce(sd.qbo_entity, sf.qbo_entity) as qbo_entity, coalesce(sd.fault_message, sf.fault_message) as fault_message
    from fees f
    left join settlement_deposits d on d.id = f.deposit_id and d.business_id = f.business_id
    left join sync_items sd on f.deposit_id is not null and sd.connection_id = ${connectionId} and sd.record_type = 'deposit' and sd.record_id = f.deposit_id
    left join sync_items sf on f.deposit_id is null and sf.connection_id = ${connectionId} and sf.record_type = 'fee' and sf.record_id = f.id
    where f.business_id = ${businessId} and f.business_date between ${first} and ${last}
    order by f.business_date, f.occurred_at, f.id`);

  const depositRows = await db.execute<{
    processor_id: string;
    deposit_date: string;
    amount_minor: string | number;
    status: ItemStatus;
    qbo_id: string | null;
    qbo_entity: string | null;
    fault_message: string | null;
    posted_receipts_minor: string | number | null;
    only_posted: boolean | null;
  }>(sql`
    select d.processor_id, to_char(d.deposit_date, 'YYYY-MM-DD') as deposit_date, d.amount_minor, s.status, s.qbo_id, s.qbo_entity, s.fault_message,
      (select coalesce(sum(case when t.kind in ('sale', 'chargeback_reversal') then t.amount_minor else -t.amount_minor end), 0)
         from card_transactions t join sync_items ts on ts.connection_id = ${connectionId} and ts.record_type = 'transaction' and ts.record_id = t.id
         where t.deposit_id = d.id and t.business_id = d.business_id and ts.status in ('posted', 'resolved')) as posted_receipts_minor,
      (select coalesce(bool_and(ts.status in ('posted', 'resolved')), true)
         from card_transactions t left join sync_items ts on ts.connection_id = ${connectionId} and ts.record_type = 'transaction' and ts.record_id = t.id
         where t.deposit_id = d.id and t.business_id = d.business_id) as only_posted
    from settlement_deposits d
    left join sync_items s on s.connection_id = ${connectionId} and s.record_type = 'deposit' and s.record_id = d.id
    where d.business_id = ${businessId} and d.deposit_date between ${first} and ${last}
    order by d.deposit_date, d.id`);

  // Read back every document Settlebooks posted for these records, by QuickBooks id.
  const wanted = new Map<string, Set<string>>();
  const want = (entity: string | null, id: string | null, status: ItemStatus) => {
    if (!entity || !id || status !== "posted") return;
    if (!wanted.has(entity)) wanted.set(entity, new Set());
    wanted.get(entity)!.add(id);
  };
  for (const t of transactions) want(t.qbo_entity, t.qbo_id, t.status);
  for (const f of feeRows) want(f.qbo_entity, f.qbo_id, f.status);
  for (const d of depositRows) want(d.qbo_entity, d.qbo_id, d.status);
  const documents = new Map<string, QboEntity>();
  for (const [entity, ids] of wanted) {
    for (const doc of await readByIds(api, entity, [...ids])) documents.set(`${entity}:${doc.Id}`, doc);
  }
  const docOf = (entity: string | null, id: string | null) => (entity && id ? documents.get(`${entity}:${id}`) : undefined);
  const bankIds = new Set(
    (await db.select({ id: qboMappingVersions.bankAccountId }).from(qboMappingVersions).where(eq(qboMappingVersions.connectionId, connectionId))).map((r) => r.id),
  );

  const monthTransactions: MonthTransaction[] = transactions.map((t) => {
    const doc = docOf(t.qbo_entity, t.qbo_id);
    return {
      processorId: t.processor_id,
      kind: t.kind,
      businessDate: t.business_date,
      amountMinor: Number(t.amount_minor),
      taxMinor: t.tax_minor === null ? null : Number(t.tax_minor),
      status: t.status,
      quickbooks: doc ? { totalMinor: amountOf(doc.TotalAmt), taxMinor: amountOf((doc.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax) } : null,
      faultMessage: t.fault_message,
    };
  });
  const monthFees: MonthFee[] = feeRows.map((f) => {
    const doc = docOf(f.qbo_entity, f.qbo_id);
    return {
      processorId: f.processor_id,
      kind: f.kind,
      businessDate: f.business_date,
      amountMinor: Number(f.amount_minor),
      status: f.status,
      inDeposit: f.deposit_processor_id,
      quickbooksMinor: doc ? feeAmountIn(doc, f.qbo_entity!, f.processor_id) : null,
      faultMessage: f.fault_message,
    };
  });
  const monthDeposits: MonthDeposit[] = depositRows.map((d) => {
    const doc = docOf(d.qbo_entity, d.qbo_id);
    return {
      processorId: d.processor_id,
      depositDate: d.deposit_date,
      amountMinor: Number(d.amount_minor),
      status: d.status,
      quickbooksMinor: doc ? bankAmountOf(doc, d.qbo_entity!, bankIds) : null,
      faultMessage: d.fault_message,
      postedReceiptsMinor: Number(d.posted_receipts_minor ?? 0),
      settlesOnlyPostedReceipts: d.only_posted !== false,
    };
  });
  return reconcileMonth({ month: input.month, transactions: monthTransactions, fees: monthFees, deposits: monthDeposits });
}

const amountOf = (value: unknown) => (typeof value === "number" || typeof value === "string" ? fromQboAmount(value) : 0);

/** Documents by id, 100 per query (QuickBooks' IN list). */
async function readByIds(api: QboApi, entity: string, ids: string[]): Promise<QboEntity[]> {
  const out: QboEntity[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100).map((id) => `'${id.replace(/'/g, "")}'`);
    out.push(...(await api.query(entity, `SELECT * FROM ${entity} WHERE Id IN (${chunk.join(", ")}) MAXRESULTS 1000`)));
  }
  return out;
}

type Line = { Amount?: number; Description?: string; JournalEntryLineDetail?: { PostingType?: string; AccountRef?: { value?: string } } };

/** What a deposit document moved into (+) or out of (−) the bank. */
function bankAmountOf(doc: QboEntity, entity: string, bankIds: Set<string>): number {
  if (entity !== "JournalEntry") return amountOf(doc.TotalAmt);
  let total = 0;
  for (const line of (doc.Line as Line[] | undefined) ?? []) {
    const detail = line.JournalEntryLineDetail;
    if (!detail?.AccountRef?.value || !bankIds.has(detail.AccountRef.value)) continue;
    total += (detail.PostingType === "Debit" ? 1 : -1) * amountOf(line.Amount);
  }
  return total;
}

/** A fee as QuickBooks holds it: its own Purchase, or its line in a Deposit or JournalEntry (found by its processor id). */
function feeAmountIn(doc: QboEntity, entity: string, feeProcessorId: string): number | null {
  if (entity === "Purchase") return amountOf(doc.TotalAmt);
  const line = ((doc.Line as Line[] | undefined) ?? []).find((l) => (l.Description ?? "").split(" · ").includes(feeProcessorId));
  return line ? Math.abs(amountOf(line.Amount)) : null;
}
