import { getTranslations } from "next-intl/server";
import type { ConnectionStatus } from "@/lib/quickbooks/connection/connection-record";
import { formatDateTime } from "./format";

/**
 * "Next sync" as the Manage tab and the overview both say it: the next scheduled run, "schedule
 * off" for an active connection when automatic syncs are off, otherwise why none will run.
 */
export async function nextSyncText(input: { nextSyncAt: Date | null; scheduleOff: boolean; status: ConnectionStatus; locale: string; timeZone: string }): Promise<string> {
  if (input.nextSyncAt) return formatDateTime(input.nextSyncAt, input.locale, input.timeZone);
  if (input.scheduleOff && input.status === "active") return (await getTranslations("schedule"))("off");
  return (await getTranslations("quickbooks.manage.noNextSync"))(input.status);
}
