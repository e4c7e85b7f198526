import type { Db } from "@/db/client";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import type { Connection } from "@/lib/quickbooks/connection/connection-record";
import { monthStatement } from "./month-statement";
import type { MonthReconciliation } from "./reconcile";

/** A month's reconciliation of a stored connection, read through its QuickBooks company (refusals propagate as ConnectionRefusedError). */
export function reconciliationFor(db: Db, connection: Connection, month: string): Promise<MonthReconciliation> {
  return withConnectionApi(db, connection, (api) => monthStatement(db, api, { businessId: connection.businessId, connectionId: connection.id, month }));
}
