/**
 * Sales tax on a document, the way QuickBooks computes it.
 *
 * US companies: lines say TaxCodeRef TAX or NON; TxnTaxDetail.TxnTaxCodeRef names the rate code,
 * whose rates apply to the sum of TAX lines. With Automated Sales Tax the company's own code
 * replaces whatever was sent. An explicit TxnTaxDetail.TotalTax is honoured (spread over the
 * code's rates).
 *
 * Other countries: each line carries a real TaxCode id; GlobalTaxCalculation says whether line
 * amounts exclude tax (TaxExcluded), include it (TaxInclusive) or carry none (NotApplicable).
 * A stored line Amount is always net of tax; with TaxInclusive the gross is in
 * SalesItemLineDetail.TaxInclusiveAmt (sent, or the sent Amount when TaxInclusiveAmt is absent,
 * whose net QuickBooks then works out). Tax is computed per rate on the summed net (exclusive)
 * or as gross − net per code (inclusive), each to the cent, half away from zero. Explicit
 * TaxLine amounts or TotalTax override the computation, as QuickBooks allows.
 */
import { type CompanyBooks, type Entity, getEntity } from "./books";
import { businessValidation, invalidEnumeration, invalidReference, QboFault } from "./faults";
import { type Ref, compact, isObject, optBool, optNumber, optRef } from "./fields";
import type { Fields } from "./entities/types";
import type { Posting } from "./ledger";
import { allocate, fromCents, netOfInclusive, taxOn, toCents } from "./money";
import { resolveActive } from "./refs";

const GLOBAL_TAX_CALCULATIONS = ["TaxExcluded", "TaxInclusive", "NotApplicable"] as const;
export type GlobalTaxCalculation = (typeof GLOBAL_TAX_CALCULATIONS)[number];

/** A line as the tax computation sees it. */
export interface TaxableLine {
  /** Amount as sent (net, or gross for TaxInclusive without TaxInclusiveAmt), in cents. */
  amountCents: number;
  /** SalesItemLineDetail.TaxInclusiveAmt as sent. */
  inclusiveCents?: number;
  /** The line's TaxCodeRef as sent. */
  taxCode?: Ref;
  element: string;
}

interface TaxedLine {
  netCents: number;
  grossCents?: number;
  taxCode?: Ref;
}

export interface TaxResult {
  lines: TaxedLine[];
  totalTaxCents: number;
  txnTaxDetail: Fields | undefined;
  globalTaxCalculation: GlobalTaxCalculation | undefined;
  /** Liability postings, positive = tax collected (credited on a sale). */
  liabilities: Posting[];
}

interface RateShare { rate: Entity; percent: number; netCents: number; taxCents: number }

function rateOf(books: CompanyBooks, id: string): Entity {
  const rate = getEntity(books, "TaxRate", id);
  if (!rate) throw invalidReference("TaxRateRef", id);
  return rate;
}

function codeRates(books: CompanyBooks, code: Entity, side: "sales" | "purchase"): Entity[] {
  const list = (side === "sales" ? code.SalesTaxRateList : code.PurchaseTaxRateList) as { TaxRateDetail?: Array<{ TaxRateRef: Ref }> } | undefined;
  const details = list?.TaxRateDetail ?? [];
  return details.map((d) => rateOf(books, d.TaxRateRef.value));
}

function liabilityOf(books: CompanyBooks, rate: Entity | undefined): string {
  const agency = (rate?.AgencyRef as Ref | undefined)?.value;
  return (agency && books.taxLiabilityAccounts[agency]) || books.systemAccounts.salesTaxPayable;
}

function taxLineOf(share: RateShare): Fields {
  return {
    Amount: fromCents(share.taxCents),
    DetailType: "TaxLineDetail",
    TaxLineDetail: {
      TaxRateRef: { value: share.rate.Id, name: share.rate.Name },
      PercentBased: true,
      TaxPercent: share.percent,
      NetAmountTaxable: fromCents(share.netCents),
    },
  };
}

/** Reads explicit TxnTaxDetail overrides: TotalTax and TaxLine[].Amount by rate. */
function overrides(detail: Fields | undefined): { totalCents?: number; byRate?: Map<string, number> } {
  if (!detail) return {};
  const total = optNumber(detail, "TotalTax", "TxnTaxDetail.TotalTax");
  const lines = detail.TaxLine;
  let byRate: Map<string, number> | undefined;
  if (Array.isArray(lines) && lines.length > 0) {
    byRate = new Map();
    for (const line of lines) {
      if (!isObject(line) || !isObject(line.TaxLineDetail)) continue;
      const ref = optRef(line.TaxLineDetail, "TaxRateRef", "TxnTaxDetail.TaxLine.TaxLineDetail.TaxRateRef");
      const amount = optNumber(line, "Amount", "TxnTaxDetail.TaxLine.Amount");
      if (ref && amount !== undefined) byRate.set(ref.value, (byRate.get(ref.value) ?? 0) + toCents(amount));
    }
    if (byRate.size === 0) byRate = undefined;
  }
  return { totalCents: total === undefined ? undefined : toCents(total), byRate };
}

/** Applies overrides to computed shares; returns the total tax. */
function applyOverrides(books: CompanyBooks, shares: RateShare[], o: { totalCents?: number; byRate?: Map<string, number> }): number {
  if (o.byRate) {
    for (const [rateId, cents] of o.byRate) {
      const share = shares.find((s) => s.rate.Id === rateId);
      if (share) share.taxCents = cents;
      else shares.push({ rate: rateOf(books, rateId), percent: Number(rateOf(books, rateId).RateValue ?? 0), netCents: 0, taxCents: cents });
    }
    for (const s of shares) if (!o.byRate.has(s.rate.Id)) s.taxCents = 0;
  } else if (o.totalCents !== undefined && shares.length > 0) {
    const weights = shares.map((s) => (s.taxCents !== 0 ? s.taxCents : s.percent * Math.max(s.netCents, 1)));
    allocate(o.totalCents, weights).forEach((cents, i) => { shares[i].taxCents = cents; });
  }
  const sum = shares.reduce((a, s) => a + s.taxCents, 0);
  return o.totalCents ?? sum;
}

function finish(books: CompanyBooks, shares: RateShare[], total: number, sign: 1 | -1): Posting[] {
  const postings: Posting[] = shares.filter((s) => s.taxCents !== 0).map((s) => ({ account: liabilityOf(books, s.rate), cents: s.taxCents * sign }));
  const rest = total - shares.reduce((a, s) => a + s.taxCents, 0);
  if (rest !== 0) postings.push({ account: books.systemAccounts.salesTaxPayable, cents: rest * sign });
  return postings;
}

export function computeUsTax(books: CompanyBooks, lines: TaxableLine[], detailInput: unknown): TaxResult {
  const detail = isObject(detailInput) ? detailInput : undefined;
  const taxed: TaxedLine[] = [];
  let taxableNet = 0;
  for (const line of lines) {
    const code = line.taxCode?.value ?? "NON";
    if (code !== "TAX" && code !== "NON") {
      throw new QboFault([{ code: "6100", message: "Invalid Line TaxCode", detail: `Invalid Line TaxCode ${code}. Valid Line TaxCodes for US should be TAX or NON`, element: `${line.element}.TaxCodeRef` }]);
    }
    if (code === "TAX") taxableNet += line.amountCents;
    taxed.push({ netCents: line.amountCents, taxCode: { value: code } });
  }
  let codeRef = detail ? optRef(detail, "TxnTaxCodeRef", "TxnTaxDetail.TxnTaxCodeRef") : undefined;
  const useAst = detail ? optBool(detail, "UseAutomatedSalesTax", "TxnTaxDetail.UseAutomatedSalesTax") : undefined;
  // Automated Sales Tax replaces the transaction tax code with the engine's choice.
  if (books.automatedSalesTax && books.astTaxCodeId && taxableNet !== 0) codeRef = { value: books.astTaxCodeId };
  let code: Entity | undefined;
  if (codeRef) {
    const resolved = resolveActive(books, "TaxCode", codeRef, "TxnTaxDetail.TxnTaxCodeRef");
    if (resolved.entity.TaxGroup === false) {
      throw new QboFault([{ code: "6100", message: "Invalid TaxCode", detail: `TxnTaxCodeRef must be a sales tax rate code, not ${codeRef.value}`, element: "TxnTaxDetail.TxnTaxCodeRef" }]);
    }
    code = resolved.entity;
    codeRef = resolved.ref;
  }
  const shares: RateShare[] = code
    ? codeRates(books, code, "sales").map((rate) => {
        const percent = Number(rate.RateValue ?? 0);
        return { rate, percent, netCents: taxableNet, taxCents: taxOn(taxableNet, percent) };
      })
    : [];
  // AST with UseAutomatedSalesTax true forces the engine's rates over a supplied amount.
  const o = books.automatedSalesTax && useAst === true ? {} : overrides(detail);
  if (taxableNet === 0 && o.totalCents === undefined) for (const s of shares) s.taxCents = 0;
  const total = applyOverrides(books, shares, o);
  return {
    lines: taxed,
    totalTaxCents: total,
    globalTaxCalculation: undefined,
    txnTaxDetail: compact({
      TxnTaxCodeRef: codeRef,
      TotalTax: fromCents(total),
      TaxLine: shares.length > 0 ? shares.map(taxLineOf) : undefined,
    }),
    liabilities: finish(books, shares, total, 1),
  };
}

export function readGlobalTaxCalculation(input: Fields, required: boolean): GlobalTaxCalculation | undefined {
  const value = input.GlobalTaxCalculation;
  if (value === undefined || value === null) {
    if (required) {
      throw new QboFault([{ code: "2020", message: "Required param missing, need to supply the required value for the API", detail: "Required parameter GlobalTaxCalculation is missing in the request", element: "GlobalTaxCalculation" }]);
    }
    return undefined;
  }
  if (!GLOBAL_TAX_CALCULATIONS.includes(value as GlobalTaxCalculation)) throw invalidEnumeration("GlobalTaxCalculation", value);
  return value as GlobalTaxCalculation;
}

export function computeGlobalTax(
  books: CompanyBooks,
  lines: TaxableLine[],
  detailInput: unknown,
  gtc: GlobalTaxCalculation | undefined,
  side: "sales" | "purchase",
): TaxResult {
  const detail = isObject(detailInput) ? detailInput : undefined;
  const taxed: TaxedLine[] = [];
  const byRate = new Map<string, RateShare>();
  const inclusiveGroups = new Map<string, { rates: Entity[]; gross: number; net: number }>();
  for (const line of lines) {
    if (gtc === undefined || gtc === "NotApplicable") {
      const ref = line.taxCode ? resolveActive(books, "TaxCode", line.taxCode, `${line.element}.TaxCodeRef`).ref : undefined;
      taxed.push({ netCents: line.amountCents, taxCode: ref });
      continue;
    }
    if (!line.taxCode) {
      throw businessValidation("Make sure all your transactions have a GST/HST rate before you save.", `${line.element}.TaxCodeRef`);
    }
    const { entity: code, ref } = resolveActive(books, "TaxCode", line.taxCode, `${line.element}.TaxCodeRef`);
    let rates = codeRates(books, code, side);
    if (rates.length === 0 && side === "purchase") rates = codeRates(books, code, "sales");
    const percent = rates.reduce((a, r) => a + Number(r.RateValue ?? 0), 0);
    let net = line.amountCents;
    let gross: number | undefined;
    if (gtc === "TaxInclusive") {
      if (line.inclusiveCents !== undefined) gross = line.inclusiveCents;
      else {
        gross = line.amountCents;
        net = netOfInclusive(gross, percent);
      }
      const group = inclusiveGroups.get(code.Id) ?? { rates, gross: 0, net: 0 };
      group.gross += gross;
      group.net += net;
      inclusiveGroups.set(code.Id, group);
    }
    for (const rate of rates) {
      const share = byRate.get(rate.Id) ?? { rate, percent: Number(rate.RateValue ?? 0), netCents: 0, taxCents: 0 };
      share.netCents += net;
      byRate.set(rate.Id, share);
    }
    taxed.push({ netCents: net, grossCents: gross, taxCode: ref });
  }
  const shares = [...byRate.values()];
  if (gtc === "TaxExcluded") {
    for (const s of shares) s.taxCents = taxOn(s.netCents, s.percent);
  } else if (gtc === "TaxInclusive") {
    // The tax inside a code's gross is gross − net, spread over the code's rates by percent.
    for (const group of inclusiveGroups.values()) {
      const parts = allocate(group.gross - group.net, group.rates.map((r) => Number(r.RateValue ?? 0)));
      group.rates.forEach((rate, i) => { byRate.get(rate.Id)!.taxCents += parts[i]; });
    }
  }
  const total = applyOverrides(books, shares, overrides(detail));
  return {
    lines: taxed,
    totalTaxCents: total,
    globalTaxCalculation: gtc,
    txnTaxDetail: gtc === undefined ? undefined : compact({ TotalTax: fromCents(total), TaxLine: shares.length > 0 ? shares.map(taxLineOf) : undefined }),
    liabilities: finish(books, shares, total, 1),
  };
}
