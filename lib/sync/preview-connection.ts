import type { Db } from "@/db/client";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import type { Connection } from "@/lib/quickbooks/connection/connection-record";
import { previewDay, type DayPreview, type PreviewMapping } from "./preview";

/** The day preview of a stored connection, read through its QuickBooks company (refusals propagate as ConnectionRefusedError). */
export async function previewDayForConnection(
  db: Db,
  connection: Connection,
  business: { id: string; timezone: string; country: string },
  mapping: PreviewMapping,
  processorName: string,
  now = new Date(),
): Promise<DayPreview | null> {
  return withConnectionApi(db, connection, (api) =>
    previewDay(db, api, {
      businessId: business.id,
      timezone: business.timezone,
      connection: {
        id: connection.id,
        connectedOn: connection.connectedOn,
        usesUsSalesTax: connection.usesUsSalesTax ?? (connection.companyCountry ?? business.country) === "US",
        automatedSalesTax: connection.automatedSalesTax ?? false,
      },
      mapping,
      processorName,
      now,
    }),
  );
}
