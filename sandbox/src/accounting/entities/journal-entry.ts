import type { CompanyBooks, Entity } from "../books";
import { businessValidation, invalidEnumeration, invalidProperty, requiredMissing } from "../faults";
import { type Ref, compact, isObject, optBool, optRef, optString } from "../fields";
import type { Posting } from "../ledger";
import { fromCents, toCents } from "../money";
import { resolveActive } from "../refs";
import { readGlobalTaxCalculation } from "../tax";
import { currencyRef, optResolved, readLines, reqAmountCents, txnHeader } from "./txn-common";
import type { BuildContext, EntityDef, Fields } from "./types";

/** JournalEntry: lines post as given; debits must equal credits. */
function build(ctx: BuildContext, input: Fields): Fields {
  const { books } = ctx;
  const header = txnHeader(ctx, input);
  let debits = 0;
  let credits = 0;
  const out = readLines(input).map((line, i) => {
    const element = `Line[${i}]`;
    if (line.DetailType === "DescriptionOnly") {
      return compact({ Id: String(i + 1), LineNum: i + 1, Description: optString(line, "Description", 4000, `${element}.Description`), Amount: 0, DetailType: "DescriptionOnly", DescriptionLineDetail: {} });
    }
    if (line.DetailType !== "JournalEntryLineDetail") {
      if (line.DetailType === undefined) throw requiredMissing(`${element}.DetailType`);
      throw invalidEnumeration(`${element}.DetailType`, line.DetailType);
    }
    const detail = line.JournalEntryLineDetail;
    if (!isObject(detail)) throw requiredMissing(`${element}.JournalEntryLineDetail`);
    const postingType = detail.PostingType;
    if (postingType === undefined) throw requiredMissing(`${element}.JournalEntryLineDetail.PostingType`);
    if (postingType !== "Debit" && postingType !== "Credit") throw invalidEnumeration(`${element}.JournalEntryLineDetail.PostingType`, postingType);
    const accountRef = optRef(detail, "AccountRef", `${element}.JournalEntryLineDetail.AccountRef`);
    if (!accountRef) throw requiredMissing(`${element}.JournalEntryLineDetail.AccountRef`);
    const account = resolveActive(books, "Account", accountRef, `${element}.JournalEntryLineDetail.AccountRef`);
    const cents = reqAmountCents(line, element);
    if (cents < 0) throw invalidProperty(`${element}.Amount must not be negative`, `${element}.Amount`);
    let entity: Fields | undefined;
    if (isObject(detail.Entity)) {
      const ref = optResolved(books, "Customer", detail.Entity, "EntityRef", `${element}.JournalEntryLineDetail.Entity.EntityRef`);
      if (ref) entity = { Type: "Customer", EntityRef: ref };
    }
    if (account.entity.AccountType === "Accounts Receivable" && !entity) {
      throw businessValidation("When you use Accounts Receivable, you must choose a customer in the Name field.", `${element}.JournalEntryLineDetail.Entity`);
    }
    if (account.entity.AccountType === "Accounts Payable") {
      throw businessValidation("When you use Accounts Payable, you must choose a vendor in the Name field.", `${element}.JournalEntryLineDetail.Entity`);
    }
    if (postingType === "Debit") debits += cents;
    else credits += cents;
    const taxApplicableOn = detail.TaxApplicableOn;
    if (taxApplicableOn !== undefined && taxApplicableOn !== "Sales" && taxApplicableOn !== "Purchase") throw invalidEnumeration(`${element}.JournalEntryLineDetail.TaxApplicableOn`, taxApplicableOn);
    return compact({
      Id: String(i + 1),
      LineNum: i + 1,
      Description: optString(line, "Description", 4000, `${element}.Description`),
      Amount: fromCents(cents),
      DetailType: "JournalEntryLineDetail",
      JournalEntryLineDetail: compact({
        PostingType: postingType,
        Entity: entity,
        AccountRef: account.ref,
        TaxCodeRef: books.country === "US" ? undefined : optResolved(books, "TaxCode", detail, "TaxCodeRef", `${element}.JournalEntryLineDetail.TaxCodeRef`),
        TaxApplicableOn: taxApplicableOn,
      }),
    });
  });
  if (debits === 0 && credits === 0) throw businessValidation("You must set a transaction amount.", "Line");
  if (debits !== credits) {
    throw businessValidation(`The transaction must be in balance: debits ${fromCents(debits)} and credits ${fromCents(credits)} differ.`, "Line");
  }
  return compact({
    ...header,
    Line: out,
    Adjustment: optBool(input, "Adjustment") ?? false,
    GlobalTaxCalculation: books.country === "US" ? undefined : readGlobalTaxCalculation(input, false),
    TotalAmt: fromCents(debits),
    CurrencyRef: currencyRef(books),
  });
}

function postings(_books: CompanyBooks, entity: Entity): Posting[] {
  return (entity.Line as Fields[]).filter((l) => l.DetailType === "JournalEntryLineDetail").map((line) => {
    const detail = line.JournalEntryLineDetail as Fields;
    const cents = toCents(Number(line.Amount));
    return { account: (detail.AccountRef as Ref).value, cents: detail.PostingType === "Debit" ? cents : -cents };
  });
}

export const journalEntryDef: EntityDef = {
  name: "JournalEntry",
  kind: "transaction",
  build,
  postings,
  deletable: true,
  filterable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "Adjustment", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "DocNumber", "TxnDate", "TotalAmt", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
