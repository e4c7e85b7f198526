/**
 * Card transactions → sales receipts and refund receipts.
 *
 *   sale                → SalesReceipt   (money in, to Undeposited Funds)
 *   chargeback_reversal → SalesReceipt   (the chargeback's money comes back)
 *   refund              → RefundReceipt  (money out, from Undeposited Funds)
 *   chargeback          → RefundReceipt  (money withdrawn by the card network)
 *
 * All receipts use Undeposited Funds, so the settlement deposit can link them and move their
 * money to the bank. One line: the service item (its income account is the mapped revenue
 * account), Qty 1, UnitPrice = Amount, which satisfies QuickBooks' Amount = Qty × UnitPrice
 * (fault 6070) exactly.
 *
 * Tax — the receipt's TotalAmt must equal the card amount. QuickBooks computes
 * TotalAmt = Σ line Amount + TxnTaxDetail.TotalTax in BOTH tax models, because a line's Amount is
 * always net of tax: with GlobalTaxCalculation "TaxInclusive" QuickBooks shows prices tax-included
 * but stores the net, the gross going in SalesItemLineDetail.TaxInclusiveAmt (a real AU company's
 * TaxInclusive invoice reads back Amount 409.09, TaxInclusiveAmt 450, TotalTax 40.91, TotalAmt 450).
 * So every receipt carries Amount = net and an explicit TotalTax = tax (tax-split.ts), which
 * QuickBooks honours as an override of what it would compute from the rate: the only way a
 * processor-reported tax (or a rounding of ours that differs from QuickBooks' own) still totals
 * to the card amount.
 *
 * - Non-US companies: the mapped tax code on the line, GlobalTaxCalculation "TaxInclusive",
 *   TaxInclusiveAmt = card amount, no TxnTaxCodeRef (the code travels on the line), and one
 *   TaxLine per rate of the code (the tax spread by rate, all on the same taxable net) when the
 *   context lists the rates.
 * - US companies: line TaxCodeRef "TAX" ("NON" when the tax is 0), TxnTaxCodeRef = the mapped
 *   code, TotalTax = the tax. No GlobalTaxCalculation (not applicable to US).
 * - US Automated Sales Tax companies: QuickBooks replaces TxnTaxCodeRef with its own choice and
 *   would compute tax from addresses. For the total to hold they need the explicit TotalTax (AST
 *   honours it, prorated over its rates) and UseAutomatedSalesTax: false, which lets the supplied
 *   tax stand provided the company allows apps to override sales tax (QuickBooks' preference
 *   "AllowPartnerTaxOverride"; if an owner turns it off QuickBooks recomputes the tax and the
 *   engine must notice TotalAmt ≠ card amount in the response). We still send the mapped
 *   TxnTaxCodeRef: harmless when replaced, required when AST is off.
 */
import { docNumberFor } from "./doc-number";
import { InvalidPostingInputError, MissingReferenceError } from "./errors";
import { assertId, assertIsoDate, cardLabel, kindLabel, note } from "./labels";
import { toQboAmount } from "./money";
import { US_NOT_TAXABLE, US_TAXABLE } from "./us-tax-codes";
import type { QboSalesItemLine, QboSalesReceipt, QboRefundReceipt, QboTaxLine, QboTxnTaxDetail } from "./qbo-documents";
import { allocateTax, assertComponentsMatch, taxSplitOf, type TaxSplit } from "./tax-split";
import type { CardTransaction, PostingContext, TransactionKind } from "./types";

export type ReceiptEntity = "SalesReceipt" | "RefundReceipt";

export function receiptEntityFor(kind: TransactionKind): ReceiptEntity {
  return kind === "sale" || kind === "chargeback_reversal" ? "SalesReceipt" : "RefundReceipt";
}

export function buildSalesReceipt(transaction: CardTransaction, context: PostingContext): QboSalesReceipt {
  if (receiptEntityFor(transaction.kind) !== "SalesReceipt") {
    throw new InvalidPostingInputError(`a ${transaction.kind} is posted as a RefundReceipt, not a SalesReceipt`);
  }
  return buildReceiptBody(transaction, context);
}

export function buildRefundReceipt(transaction: CardTransaction, context: PostingContext): QboRefundReceipt {
  if (receiptEntityFor(transaction.kind) !== "RefundReceipt") {
    throw new InvalidPostingInputError(`a ${transaction.kind} is posted as a SalesReceipt, not a RefundReceipt`);
  }
  return buildReceiptBody(transaction, context);
}

/** Either receipt, by kind, with the entity to POST it to. */
export function buildReceipt(
  transaction: CardTransaction,
  context: PostingContext,
): { entity: "SalesReceipt"; body: QboSalesReceipt } | { entity: "RefundReceipt"; body: QboRefundReceipt } {
  return { entity: receiptEntityFor(transaction.kind), body: buildReceiptBody(transaction, context) };
}

function buildReceiptBody(transaction: CardTransaction, context: PostingContext): QboSalesReceipt {
  const { processorId, kind, cardBrand, last4 } = transaction;
  const paymentMethodId = context.paymentMethodIds[cardBrand];
  if (!paymentMethodId) throw new MissingReferenceError(`no PaymentMethod id for card brand ${cardBrand}`);
  const split = taxSplitOf(transaction, context.taxRate);
  const card = cardLabel(cardBrand, last4);
  const us = context.company.usesUsSalesTax;

  const line: QboSalesItemLine = {
    DetailType: "SalesItemLineDetail",
    Amount: toQboAmount(split.netMinor),
    Description: note([`Card ${kindLabel(kind)}`, card], 4000),
    SalesItemLineDetail: {
      ItemRef: { value: assertId(context.serviceItemId, "service item id") },
      Qty: 1,
      UnitPrice: toQboAmount(split.netMinor),
      TaxCodeRef: { value: us ? (split.taxMinor > 0 ? US_TAXABLE : US_NOT_TAXABLE) : assertId(context.mapping.taxCodeId, "tax code id") },
      ...(us ? {} : { TaxInclusiveAmt: toQboAmount(split.grossMinor) }),
    },
  };

  return {
    DocNumber: docNumberFor(processorId),
    TxnDate: assertIsoDate(transaction.businessDate, `business date of ${processorId}`),
    PrivateNote: note([processorId, kindLabel(kind), card]),
    CustomerRef: { value: assertId(context.mapping.customerId, "customer id") },
    PaymentMethodRef: { value: paymentMethodId },
    DepositToAccountRef: { value: assertId(context.undepositedFundsAccountId, "Undeposited Funds account id") },
    ...(us ? {} : { GlobalTaxCalculation: "TaxInclusive" as const }),
    Line: [line],
    TxnTaxDetail: us ? usTaxDetail(split, context) : globalTaxDetail(split, context),
  };
}

function usTaxDetail(split: TaxSplit, context: PostingContext): QboTxnTaxDetail {
  const code = assertId(context.mapping.taxCodeId, "tax code id");
  return {
    ...(code === US_NOT_TAXABLE ? {} : { TxnTaxCodeRef: { value: code } }),
    TotalTax: toQboAmount(split.taxMinor),
    ...(context.company.automatedSalesTax ? { UseAutomatedSalesTax: false } : {}),
  };
}

function globalTaxDetail(split: TaxSplit, context: PostingContext): QboTxnTaxDetail {
  const components = context.taxRate.components ?? [];
  assertComponentsMatch(context.taxRate);
  const parts = allocateTax(split.taxMinor, components);
  const taxLines: QboTaxLine[] = components.map((component, i) => ({
    DetailType: "TaxLineDetail",
    Amount: toQboAmount(parts[i]),
    TaxLineDetail: {
      TaxRateRef: { value: assertId(component.taxRateId, "tax rate id") },
      PercentBased: true,
      TaxPercent: component.percent,
      // The taxed base: the net less the tip, which is in the line's Amount but never taxed.
      NetAmountTaxable: toQboAmount(split.taxableNetMinor),
    },
  }));
  // No TxnTaxCodeRef: outside the US the tax code travels on each line.
  return {
    TotalTax: toQboAmount(split.taxMinor),
    ...(taxLines.length > 0 ? { TaxLine: taxLines } : {}),
  };
}
