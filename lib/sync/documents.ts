import type { Db } from "@/db/client";
import { docNumberFor } from "@/lib/accounting/doc-number";
import { AccountingError } from "@/lib/accounting/errors";
import { buildSettlementDocument, buildStandaloneFeeDocument } from "@/lib/accounting/posting-document";
import { buildReceipt } from "@/lib/accounting/receipt";
import type { PostingContext, SettledTransaction, Settlement } from "@/lib/accounting/types";
import type { IsoDate } from "./dates";
import { loadPostableDeposits, loadPostableFees, loadPostableTransactions, loadSettledItems, withOriginal } from "./load";
import type { PlannedDocument } from "./poster";

/**
 * Turns the sync items due in a run into QuickBooks documents: loads the records in bulk, hands
 * them to the pure builders of lib/accounting, and keeps each document tied to its sync item.
 */
export interface DocumentContext {
  connectionId: string;
  businessId: string;
  mappingVersion: number;
  posting: PostingContext;
}

/** A record the builders refused (bad input): it fails alone, with the builder's reason. */
export interface BuildFailure {
  itemId: string;
  docNumber: string;
  message: string;
}

export interface BuiltDocuments {
  documents: PlannedDocument[];
  failures: BuildFailure[];
}

/** Builds each document on its own, so one record the builders refuse never stops the others. */
function buildEach<R extends { itemId: string }>(rows: R[], processorIdOf: (row: R) => string, build: (row: R) => PlannedDocument): BuiltDocuments {
  const out: BuiltDocuments = { documents: [], failures: [] };
  for (const row of rows) {
    try {
      out.documents.push(build(row));
    } catch (error) {
      if (!(error instanceof AccountingError)) throw error;
      out.failures.push({ itemId: row.itemId, docNumber: docNumberFor(processorIdOf(row)), message: error.message });
    }
  }
  return out;
}

const planned = (
  item: { itemId: string; attempts: number; inFlightSince: Date | null },
  processorId: string,
  document: { entity: PlannedDocument["entity"]; body: object },
  context: DocumentContext,
): PlannedDocument => ({
  itemId: item.itemId,
  entity: document.entity,
  docNumber: docNumberFor(processorId),
  body: document.body as Record<string, unknown>,
  attempts: item.attempts,
  inFlight: item.inFlightSince !== null,
  mappingVersion: context.mappingVersion,
});

export async function buildReceiptDocuments(db: Db, context: DocumentContext, through: IsoDate): Promise<BuiltDocuments> {
  const rows = await loadPostableTransactions(db, context.connectionId, context.businessId, through);
  return buildEach(
    rows,
    (row) => row.transaction.processorId,
    (row) => planned(row, row.transaction.processorId, buildReceipt(withOriginal(row.transaction, row.original), context.posting), context),
  );
}

/** How a settled transaction's sync item stands, for the deposit builder; null: not settled yet. */
function settledPosting(status: string | null, qboId: string | null): SettledTransaction["posting"] | null {
  switch (status) {
    case "posted":
      return qboId ? { status: "posted", qboTxnId: qboId } : null;
    case "before_connection":
      return { status: "before_connection" };
    case "skipped_paused":
      return { status: "paused" };
    case "resolved":
      return { status: "resolved" };
    default:
      return null; // pending, failed, ready to sync, or not planned: the deposit waits
  }
}

/**
 * Deposits whose every settled transaction is posted, never to be posted, or resolved by hand.
 * A deposit with a failed (unresolved) or still pending receipt waits for a later run.
 */
export async function buildDepositDocuments(
  db: Db,
  context: DocumentContext,
  through: IsoDate,
): Promise<BuiltDocuments & { waiting: number }> {
  const rows = await loadPostableDeposits(db, context.connectionId, context.businessId, through);
  const settled = await loadSettledItems(
    db,
    context.connectionId,
    context.businessId,
    rows.map((r) => r.deposit.id),
  );
  const ready: { row: (typeof rows)[number]; settlement: Settlement }[] = [];
  let waiting = 0;
  for (const row of rows) {
    const transactions: SettledTransaction[] = [];
    let settledAll = true;
    for (const t of settled.transactions) {
      if (t.depositId !== row.deposit.id) continue;
      const posting = settledPosting(t.itemStatus, t.qboId);
      if (!posting) {
        settledAll = false;
        break;
      }
      transactions.push({ transaction: { processorId: t.processorId, kind: t.kind, amountMinor: t.amountMinor }, posting });
    }
    if (!settledAll) {
      waiting += 1;
      continue;
    }
    const settlement: Settlement = {
      deposit: { processorId: row.deposit.processorId, amountMinor: row.deposit.amountMinor, depositDate: row.deposit.depositDate },
      transactions,
      fees: settled.fees.filter((f) => f.depositId === row.deposit.id),
    };
    ready.push({ row, settlement });
  }
  const built = buildEach(
    ready.map((r) => ({ ...r, itemId: r.row.itemId })),
    (r) => r.row.deposit.processorId,
    (r) => ({
      ...planned(r.row, r.row.deposit.processorId, buildSettlementDocument(r.settlement, context.posting), context),
      bankAccountId: context.posting.mapping.bankAccountId,
    }),
  );
  return { ...built, waiting };
}

export async function buildFeeDocuments(db: Db, context: DocumentContext, through: IsoDate): Promise<BuiltDocuments> {
  const rows = await loadPostableFees(db, context.connectionId, context.businessId, through);
  return buildEach(
    rows,
    (row) => row.fee.processorId,
    (row) => planned(row, row.fee.processorId, buildStandaloneFeeDocument(row.fee, context.posting), context),
  );
}
