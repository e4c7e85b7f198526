import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireBusiness } from "@/app/_server/session";
import { userCan } from "@/lib/auth/permissions";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import { findConnection, isInSetup, type Connection } from "@/lib/quickbooks/connection/connection-record";
import { valueOrRefusal, type RefusalCode } from "@/lib/quickbooks/connection/refusal";
import { refusalValues } from "@/lib/quickbooks/connection/refusal-values";
import { defaultNames } from "@/lib/quickbooks/mapping/default-names";
import { businessToday, systemClock } from "@/lib/quickbooks/connection/business-day";
import { MAPPING_SLOTS, type MappingSlot } from "@/lib/quickbooks/mapping/mapping-choice";
import { loadBusinessMappingOptions, type MappingOptions } from "@/lib/quickbooks/mapping/mapping-options";

/** What every QuickBooks page needs: the member's access, the connection record, the language. */
export async function quickbooksContext(merchantId: string) {
  const access = await requireBusiness(merchantId);
  const db = getDb();
  const connection = await findConnection(db, access.business.id);
  const requestLocale = await getLocale();
  const locale = isLocale(requestLocale) ? requestLocale : "en";
  return {
    ...access,
    db,
    connection,
    locale,
    processorName: env().PROCESSOR_NAME,
    canManage: userCan(access.user, access.role, "quickbooks.manage"),
    canViewDetails: userCan(access.user, access.role, "quickbooks.viewDetails"),
    base: `/b/${encodeURIComponent(access.business.merchantId)}/quickbooks`,
  };
}
export type QuickbooksContext = Awaited<ReturnType<typeof quickbooksContext>>;

/** The mapping step's choices read from the company (the tax code matched to recent sales' rate), or why they could not be read. */
export async function mappingOptionsFor(ctx: QuickbooksContext, connection: Connection): Promise<{ options: MappingOptions } | { refusal: RefusalCode }> {
  const loaded = await valueOrRefusal(
    withConnectionApi(ctx.db, connection, (api) =>
      loadBusinessMappingOptions(ctx.db, api, { business: ctx.business, names: defaultNames(ctx.processorName, ctx.locale), today: businessToday(systemClock, ctx.business.timezone) }),
    ),
  );
  return "refusal" in loaded ? loaded : { options: loaded.value };
}

/** A refusal notice's placeholders: codes from the URL, names from the portal's own records. */
export function refusalNoticeValues(ctx: QuickbooksContext, searchParams: Record<string, string | string[] | undefined>): Record<string, string> {
  return refusalValues({
    param: (name) => param(searchParams, name),
    companyName: ctx.connection?.companyName,
    businessCurrency: ctx.business.currency,
    names: defaultNames(ctx.processorName, ctx.locale),
  });
}

/** The first value of a search parameter. */
/** The mapping choices carried in a page's URL (the wizard's Back, a refused save): the slots present. */
export function mappingChoicesInQuery(searchParams: Record<string, string | string[] | undefined>): Partial<Record<MappingSlot, string>> {
  return Object.fromEntries(MAPPING_SLOTS.flatMap((slot) => (param(searchParams, slot) ? [[slot, param(searchParams, slot)!]] : [])));
}

/**
 * The wizard's mapping and review steps: the owner only, and only while the connection is in setup
 * (otherwise to the Manage tab, or to "You're connected" once the mapping was confirmed).
 */
export async function setupStepContext(merchantId: string) {
  const ctx = await quickbooksContext(merchantId);
  if (!ctx.canManage) redirect(ctx.base);
  if (!isInSetup(ctx.connection) || !ctx.connection) redirect(ctx.connection?.setupCompletedAt ? `${ctx.base}/done` : ctx.base);
  return { ...ctx, connection: ctx.connection };
}

export function param(searchParams: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = searchParams[name];
  return Array.isArray(value) ? value[0] : value;
}
