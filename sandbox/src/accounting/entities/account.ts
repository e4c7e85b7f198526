import { type CompanyBooks, type Entity, allOf } from "../books";
import { CURRENCY } from "../seed";
import { businessValidation, duplicateName, invalidEnumeration, invalidProperty, QboFault, requiredMissing } from "../faults";
import { compact, optBool, optNumber, optRef, optString } from "../fields";
import { debitBalance } from "../ledger";
import { fromCents } from "../money";
import { resolveActive } from "../refs";
import { isIsoDate } from "../time";
import { classificationOf, defaultSubType, isAccountType, isDebitNormal, subTypeFits, typeOfSubType } from "./account-types";
import type { BuildContext, EntityDef, Fields } from "./types";

/** Types that can neither have nor be sub-accounts (reference/qbo-api.md §3.1). */
const NO_SUB_ACCOUNTS = new Set(["OpeningBalanceEquity", "UndepositedFunds", "RetainedEarnings", "CashReceiptIncome", "CashExpenditureExpense", "ExchangeGainOrLoss"]);

function build({ books, previous }: BuildContext, input: Fields): Fields {
  const name = optString(input, "Name", 100);
  if (name === undefined || name.trim() === "") throw requiredMissing("Name");
  if (name.includes(":") || name.includes('"')) {
    throw new QboFault([{ code: "2050", message: "String length is either shorter or longer than supported by specification", detail: "Account Name cannot contain a colon (:) or double quote (\")", element: "Name" }]);
  }
  const acctNum = optString(input, "AcctNum", books.country === "CA" ? 20 : 7);
  if (acctNum?.includes(":")) throw invalidProperty("AcctNum cannot contain a colon (:)", "AcctNum");
  const description = optString(input, "Description", 100);

  let type = input.AccountType;
  let subType = input.AccountSubType;
  if (type === undefined && subType === undefined) {
    throw new QboFault([{ code: "6010", message: "Invalid Account.AccountType && Account.SubType", detail: "Either AccountType or AccountSubType must be specified", element: "AccountType" }]);
  }
  if (type !== undefined && !isAccountType(type)) throw invalidEnumeration("AccountType", type);
  if (subType !== undefined && (typeof subType !== "string" || typeOfSubType(subType) === undefined)) throw invalidEnumeration("AccountSubType", subType);
  if (type === undefined) type = typeOfSubType(subType as string)!;
  if (subType === undefined) subType = defaultSubType(type as string);
  if (!subTypeFits(type as string, subType as string)) {
    throw new QboFault([{ code: "6010", message: "Invalid Account.AccountType && Account.SubType", detail: `AccountSubType ${subType} does not belong to AccountType ${type}`, element: "AccountSubType" }]);
  }
  if (previous && previous.AccountType !== type && previous.AccountSubType === "UndepositedFunds") {
    throw businessValidation("You can't change the type of the Undeposited Funds account.", "AccountType");
  }

  let parentRef = optRef(input, "ParentRef");
  let fullyQualifiedName = name;
  if (parentRef) {
    const parent = resolveActive(books, "Account", parentRef, "ParentRef");
    if (NO_SUB_ACCOUNTS.has(subType as string) || NO_SUB_ACCOUNTS.has(parent.entity.AccountSubType as string)) {
      throw businessValidation(`An account of subtype ${subType} cannot be or have a sub-account.`, "ParentRef");
    }
    if (previous && parent.entity.Id === previous.Id) throw businessValidation("An account cannot be its own parent.", "ParentRef");
    if (parent.entity.AccountType !== type) throw businessValidation("A sub-account must have the same type as its parent.", "ParentRef");
    parentRef = parent.ref;
    fullyQualifiedName = `${parent.entity.FullyQualifiedName}:${name}`;
  }
  // Names are unique (case-insensitively, as QuickBooks compares them) among accounts.
  const clash = allOf(books, "Account").find((a) => a.Id !== previous?.Id && String(a.FullyQualifiedName).toLowerCase() === fullyQualifiedName.toLowerCase());
  if (clash) throw duplicateName(`The name supplied already exists. : Another account is already using this name: ${name}`);

  const openingBalance = optNumber(input, "OpeningBalance");
  const openingBalanceDate = input.OpeningBalanceDate;
  if (openingBalance !== undefined && openingBalance !== 0 && !previous) {
    if (!isIsoDate(openingBalanceDate)) {
      throw new QboFault([{ code: "6060", message: "Opening balance date is required", detail: "OpeningBalanceDate must be a date (YYYY-MM-DD) when OpeningBalance is supplied", element: "OpeningBalanceDate" }]);
    }
  }
  const active = optBool(input, "Active") ?? true;
  return compact({
    Name: name,
    SubAccount: parentRef !== undefined,
    ParentRef: parentRef,
    FullyQualifiedName: fullyQualifiedName,
    Active: active,
    Classification: classificationOf(type as string),
    AccountType: type,
    AccountSubType: subType,
    AcctNum: acctNum,
    Description: description,
    // Opening balances are taken once, on create (QuickBooks posts them to Opening Balance Equity).
    OpeningBalance: previous ? previous.OpeningBalance : openingBalance,
    OpeningBalanceDate: previous ? previous.OpeningBalanceDate : openingBalance !== undefined ? openingBalanceDate : undefined,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: CURRENCY[books.country],
  });
}

/** Balance in the account's natural sign (assets and expenses debit-positive, the rest credit-positive). */
function naturalBalance(books: CompanyBooks, account: Entity): number {
  const debit = debitBalance(books, account.Id);
  return isDebitNormal(account.Classification) ? debit : -debit;
}

/**
 * QuickBooks keeps CurrentBalance on balance-sheet accounts only: income and expense accounts
 * answer 0 (their activity is read from the reports).
 */
function present(books: CompanyBooks, entity: Entity): Entity {
  if (entity.Classification === "Revenue" || entity.Classification === "Expense") {
    return { ...entity, CurrentBalance: 0, CurrentBalanceWithSubAccounts: 0 };
  }
  const own = naturalBalance(books, entity);
  let withSubs = own;
  for (const child of allOf(books, "Account")) {
    if (String(child.FullyQualifiedName).startsWith(`${entity.FullyQualifiedName}:`)) withSubs += naturalBalance(books, child);
  }
  return { ...entity, CurrentBalance: fromCents(own), CurrentBalanceWithSubAccounts: fromCents(withSubs) };
}

function postings(books: CompanyBooks, entity: Entity) {
  const cents = Math.round(Number(entity.OpeningBalance ?? 0) * 100);
  if (!cents) return [];
  const signed = isDebitNormal(entity.Classification) ? cents : -cents;
  return [{ account: entity.Id, cents: signed }, { account: books.systemAccounts.openingBalanceEquity, cents: -signed }];
}

export const accountDef: EntityDef = {
  name: "Account",
  kind: "name",
  build,
  present,
  filtersComputed: true,
  deletedSuffixFields: ["Name", "FullyQualifiedName"],
  postings,
  filterable: ["Id", "Name", "SubAccount", "ParentRef", "FullyQualifiedName", "Active", "Classification", "AccountType", "AccountSubType", "CurrentBalance", "CurrentBalanceWithSubAccounts", "Description", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
  sortable: ["Id", "Name", "FullyQualifiedName", "Classification", "AccountType", "AccountSubType", "CurrentBalance", "CurrentBalanceWithSubAccounts", "Description", "MetaData.CreateTime", "MetaData.LastUpdatedTime"],
};
