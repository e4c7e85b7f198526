import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DEFAULT_CHOICE, type MappingSlot } from "@/lib/quickbooks/mapping/mapping-choice";
import type { DefaultChoice, MappingOption, MappingOptions } from "@/lib/quickbooks/mapping/mapping-options";
import { TaxCodeSelect } from "./tax-code-select";

interface MappingFormProps {
  action: string;
  /** GET to the review step (choices travel in the URL, so reload and Back keep them); POST to save. */
  method: "get" | "post";
  hidden: Record<string, string>;
  options: MappingOptions;
  selected: Partial<Record<MappingSlot, string>>;
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}

type Translate = Awaited<ReturnType<typeof getTranslations<"quickbooks.mapping">>>;

function defaultLabel(t: Translate, choice: DefaultChoice): string {
  if (choice.state === "existing") return t("defaultExisting", { name: choice.name });
  if (choice.state === "conflict") return t("defaultConflict", { name: choice.name, type: choice.conflictType });
  return t("defaultNew", { name: choice.name });
}

function Field({ slot, label, help, children }: { slot: MappingSlot; label: string; help: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`mapping-${slot}`} className="block font-medium">
        {label}
      </label>
      <p className="text-sm text-slate-600" id={`mapping-${slot}-help`}>
        {help}
      </p>
      {children}
    </div>
  );
}

function Select({ slot, value, children }: { slot: MappingSlot; value: string; children: React.ReactNode }) {
  return (
    <select id={`mapping-${slot}`} name={slot} defaultValue={value} required aria-describedby={`mapping-${slot}-help`} className="mt-1 w-full max-w-md rounded border border-slate-300 bg-white px-2 py-1">
      {children}
    </select>
  );
}

function existing(list: MappingOption[]) {
  return list.map((o) => (
    <option key={o.id} value={o.id}>
      {o.name}
    </option>
  ));
}

/** The mapping choices (wizard and Edit mapping): where deposits, revenue, fees, the customer and tax go. */
export async function MappingForm(props: MappingFormProps) {
  const t = await getTranslations("quickbooks.mapping");
  const { options, selected } = props;
  const pickDefault = (slot: "revenue" | "expense" | "customer") => selected[slot] ?? (options.defaults[slot].state === "conflict" ? "" : DEFAULT_CHOICE);
  const withDefault = (slot: "revenue" | "expense" | "customer", list: MappingOption[], groupLabel: string) => {
    const choice = options.defaults[slot];
    // An existing default is offered once, as the default, not again in the list.
    const others = choice.state === "existing" ? list.filter((o) => o.id !== choice.id) : list;
    return (
      <Select slot={slot} value={pickDefault(slot)}>
        <option value="" disabled>
          {t("choose")}
        </option>
        <option value={DEFAULT_CHOICE} disabled={choice.state === "conflict"}>
          {defaultLabel(t, choice)}
        </option>
        {others.length > 0 && <optgroup label={groupLabel}>{existing(others)}</optgroup>}
      </Select>
    );
  };
  return (
    <form method={props.method} action={props.action} className="max-w-3xl space-y-5 rounded-lg bg-white p-6 shadow-sm" data-testid="qbo-mapping-form">
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="text-sm text-slate-700">{t("defaultsExplained")}</p>
      <Field slot="bank" label={t("bank")} help={t("bankHelp")}>
        <Select slot="bank" value={selected.bank ?? options.bankAccounts[0]?.id ?? ""}>
          {options.bankAccounts.length === 0 && <option value="">{t("noBank")}</option>}
          {existing(options.bankAccounts)}
        </Select>
      </Field>
      <Field slot="revenue" label={t("revenue")} help={t("revenueHelp")}>
        {withDefault("revenue", options.incomeAccounts, t("existingIncome"))}
      </Field>
      <Field slot="expense" label={t("expense")} help={t("expenseHelp")}>
        {withDefault("expense", options.expenseAccounts, t("existingExpense"))}
      </Field>
      <Field slot="customer" label={t("customer")} help={t("customerHelp")}>
        {withDefault("customer", options.customers, t("existingCustomers"))}
      </Field>
      <Field slot="taxCode" label={t("taxCode")} help={t("taxCodeHelp")}>
        <TaxCodeSelect value={selected.taxCode ?? options.preselectedTaxCodeId ?? ""} options={options.taxCodes} recentSalesTax={options.recentSalesTax} />
      </Field>
      <div className="flex items-center gap-4">
        <button type="submit" className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
          {props.submitLabel}
        </button>
        <Link href={props.cancelHref} className="text-sm underline">
          {props.cancelLabel}
        </Link>
      </div>
    </form>
  );
}
