import { QboFaultError } from "../errors";
import type { QboApi, QboEntity } from "../api-client";

/**
 * An in-memory QuickBooks company for the service's database tests: just the calls the connection
 * and mapping code makes (read, create, query by one equality, CompanyInfo, Preferences), with
 * QuickBooks' duplicate-name (6240) and not-found (610) faults. Browser tests use the real sandbox.
 */
export class FakeCompany {
  private nextId = 100;
  readonly entities: Record<string, QboEntity[]> = { Account: [], Customer: [], TaxCode: [], Vendor: [] };
  creates = 0;

  constructor(readonly profile: { name: string; country: "CA" | "US"; currency: string }) {
    this.add("Account", { Name: "Chequing", AccountType: "Bank", AccountSubType: "Checking" });
    this.add("Account", { Name: "Savings", AccountType: "Bank", AccountSubType: "Savings" });
    this.add("Account", { Name: "Sales", AccountType: "Income", AccountSubType: "SalesOfProductIncome" });
    this.add("Account", { Name: "Bank charges", AccountType: "Expense", AccountSubType: "BankCharges" });
    this.add("Customer", { DisplayName: "Walk-in" });
    if (profile.country === "CA") {
      for (const name of ["GST", "HST ON", "GST/QST QC - 9.975", "GST/PST BC - 7%", "Exempt", "Zero-rated"]) this.add("TaxCode", { Name: name, Taxable: name !== "Exempt" });
    } else {
      this.add("TaxCode", { Name: "NY State", Description: "New York sales tax", Taxable: true, TaxGroup: true });
      this.add("TaxCode", { Name: "CA State", Description: "California sales tax", Taxable: true, TaxGroup: true });
    }
  }

  add(entity: string, fields: Record<string, unknown>): QboEntity {
    const row = { Id: String(this.nextId++), Active: true, SyncToken: "0", ...fields } as QboEntity;
    (this.entities[entity] ??= []).push(row);
    return row;
  }

  find(entity: string, id: string): QboEntity | undefined {
    return this.entities[entity]?.find((e) => e.Id === id);
  }

  private displayNameTaken(name: string): boolean {
    return ["Customer", "Vendor"].some((e) => this.entities[e].some((row) => row.DisplayName === name));
  }

  api(): QboApi {
    const where = (entity: string, clause: string) => {
      const rows = (this.entities[entity] ?? []).filter((r) => r.Active !== false);
      const match = /(\w+)\s*=\s*'((?:[^'\\]|\\.)*)'/.exec(clause);
      if (!match) return rows;
      const value = match[2].replace(/\\(.)/g, "$1");
      return rows.filter((r) => r[match[1]] === value);
    };
    const api = {
      read: async (entity: string, id: string) => {
        const row = this.find(entity, id);
        if (!row) throw new QboFaultError(400, [{ code: "610", message: "Object Not Found" }], "ValidationFault");
        return row;
      },
      create: async (entity: string, body: Record<string, unknown>) => {
        if (entity === "Account" && this.entities.Account.some((a) => a.Name === body.Name)) {
          throw new QboFaultError(400, [{ code: "6240", message: "Duplicate Name Exists Error" }], "ValidationFault");
        }
        if (entity === "Customer" && this.displayNameTaken(String(body.DisplayName))) {
          throw new QboFaultError(400, [{ code: "6240", message: "Duplicate Name Exists Error" }], "ValidationFault");
        }
        this.creates += 1;
        return this.add(entity, body);
      },
      query: async (entity: string, statement: string) => where(entity, statement.split(/ WHERE /i)[1] ?? ""),
      queryAll: async (entity: string, clause = "") => where(entity, clause),
      companyInfo: async () => ({ Id: "1", CompanyName: this.profile.name, Country: this.profile.country }),
      preferences: async () => ({ CurrencyPrefs: { HomeCurrency: { value: this.profile.currency } }, TaxPrefs: { PartnerTaxEnabled: false } }),
    };
    return api as unknown as QboApi;
  }
}
