import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { MappingSummary } from "@/components/quickbooks/mapping-summary";
import { RefusalNotice } from "@/components/quickbooks/refusal-notice";
import { TaxRateWarning } from "@/components/quickbooks/tax-rate-warning";
import { US_NOT_TAXABLE } from "@/lib/accounting/us-tax-codes";
import { DEFAULT_CHOICE, mappingChoiceSchema, MAPPING_SLOTS } from "@/lib/quickbooks/mapping/mapping-choice";
import type { MappingOption } from "@/lib/quickbooks/mapping/mapping-options";
import { newSlotReference } from "@/lib/sync/preview";
import { previewDayForConnection } from "@/lib/sync/preview-connection";
import { DayPreviewView } from "@/components/accountant/day-preview";
import { valueOrRefusal } from "@/lib/quickbooks/connection/refusal";
import { mappingOptionsFor, param, setupStepContext } from "../../_data/context";

/** Wizard step 3: what will post where, then Confirm (which creates or reuses the defaults and saves version 1). */
export default async function ReviewPage({ params, searchParams }: { params: Promise<{ merchantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { merchantId } = await params;
  const query = await searchParams;
  const ctx = await setupStepContext(merchantId);
  const raw = Object.fromEntries(MAPPING_SLOTS.map((slot) => [slot, param(query, slot) ?? ""]));
  const choice = mappingChoiceSchema.safeParse(raw);
  const backToSetup = `${ctx.base}/setup?${new URLSearchParams(raw)}`;
  if (!choice.success) redirect(backToSetup);
  const t = await getTranslations("quickbooks");
  const loaded = await mappingOptionsFor(ctx, ctx.connection);
  if ("refusal" in loaded) return <RefusalNotice code={loaded.refusal} values={{}} />;
  const { options } = loaded;
  const nameIn = (list: MappingOption[], id: string) => list.find((o) => o.id === id)?.name;
  const defaultName = (slot: "revenue" | "expense" | "customer", list: MappingOption[]) =>
    choice.data[slot] === DEFAULT_CHOICE ? options.defaults[slot].name : nameIn(list, choice.data[slot]);
  const names = {
    bank: nameIn(options.bankAccounts, choice.data.bank),
    revenue: defaultName("revenue", options.incomeAccounts),
    expense: defaultName("expense", options.expenseAccounts),
    customer: defaultName("customer", options.customers),
    taxCode: choice.data.taxCode === US_NOT_TAXABLE ? t("mapping.notTaxable") : nameIn(options.taxCodes, choice.data.taxCode),
  };
  // A choice that is no longer offered (renamed, made inactive meanwhile): back to the choices.
  if (Object.values(names).some((n) => !n)) redirect(`${backToSetup}&error=invalid_mapping`);
  const chosenId = (slot: "revenue" | "expense" | "customer") => {
    if (choice.data[slot] !== DEFAULT_CHOICE) return choice.data[slot];
    const fallback = options.defaults[slot];
    return fallback.state === "existing" ? fallback.id : newSlotReference(slot);
  };
  const ta = await getTranslations("accountant.preview");
  const previewResult = await valueOrRefusal(
    previewDayForConnection(
      ctx.db,
      ctx.connection,
      ctx.business,
      {
        bankAccountId: choice.data.bank,
        revenueAccountId: chosenId("revenue"),
        expenseAccountId: chosenId("expense"),
        customerId: chosenId("customer"),
        taxCodeId: choice.data.taxCode,
        names: names as Record<keyof typeof names, string>,
      },
      ctx.processorName,
    ),
  );
  const preview =
    "refusal" in previewResult ? (
      <RefusalNotice code={previewResult.refusal} values={{}} />
    ) : (
      <DayPreviewView preview={previewResult.value} currency={ctx.business.currency} locale={ctx.locale} />
    );
  const created = (["revenue", "expense", "customer"] as const).filter((slot) => choice.data[slot] === DEFAULT_CHOICE && options.defaults[slot].state === "new");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("review.title")}</h1>
      <p className="text-sm text-slate-500">{t("steps.progress", { step: 3, total: 3 })}</p>
      <div className="rounded-lg bg-white p-6 shadow-sm">
        <MappingSummary names={names as Record<keyof typeof names, string>} />
        <TaxRateWarning recentSalesTax={options.recentSalesTax} code={{ name: names.taxCode!, percent: options.taxCodes.find((o) => o.id === choice.data.taxCode)?.percent ?? null }} />
        {created.length > 0 && (
          <p className="mt-4 text-sm text-slate-700" data-testid="qbo-will-create">
            {t("review.willCreate", { names: created.map((slot) => options.defaults[slot].name).join(", ") })}
          </p>
        )}
        <p className="mt-2 text-sm text-slate-700">{t("review.fromDay")}</p>
      </div>
      <details className="rounded-lg bg-slate-50 p-4" data-testid="review-preview">
        <summary className="cursor-pointer font-semibold">{ta("title")}</summary>
        <div className="mt-4">{preview}</div>
      </details>
      <form method="post" action="/api/quickbooks/mapping" className="flex items-center gap-4">
        <input type="hidden" name="merchantId" value={ctx.business.merchantId} />
        <input type="hidden" name="mode" value="setup" />
        {MAPPING_SLOTS.map((slot) => (
          <input key={slot} type="hidden" name={slot} value={choice.data[slot]} />
        ))}
        <button type="submit" className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
          {t("review.confirm")}
        </button>
        <Link href={backToSetup} className="text-sm underline">
          {t("review.back")}
        </Link>
      </form>
    </section>
  );
}
