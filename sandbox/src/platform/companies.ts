import { randomInt } from "node:crypto";
import { z } from "zod";
import { createCompanyBooks } from "../accounting";
import { isRegionOf } from "./regions";
import type { SandboxCompany, SandboxState } from "./state";

export const newCompanySchema = z
  .object({
    name: z.string().trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
    country: z.enum(["CA", "US"], { error: 'country must be "CA" or "US"' }),
    region: z.string().trim().toUpperCase(),
    automatedSalesTax: z.boolean().optional(),
  })
  .refine((c) => isRegionOf(c.country, c.region), {
    path: ["region"],
    error: "region must be a province or territory code of Canada (e.g. ON) or a state code of the US (e.g. NY) matching the country",
  });
export type NewCompany = z.input<typeof newCompanySchema>;

/** Realm ids look like Intuit's: 16 digits, unique in this sandbox. */
function newRealmId(state: SandboxState): string {
  for (;;) {
    const id = `9341${String(randomInt(0, 1e6)).padStart(6, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
    if (!state.companies[id]) return id;
  }
}

export function createCompany(state: SandboxState, input: NewCompany, memberUserIds: string[], now: Date): SandboxCompany {
  const parsed = newCompanySchema.parse(input);
  const realmId = newRealmId(state);
  const company: SandboxCompany = {
    realmId,
    memberUserIds: [...memberUserIds],
    createdAt: now.toISOString(),
    books: createCompanyBooks({ realmId, ...parsed, now }),
  };
  state.companies[realmId] = company;
  return company;
}

export function companiesOfUser(state: SandboxState, userId: string): SandboxCompany[] {
  return Object.values(state.companies).filter((c) => c.memberUserIds.includes(userId));
}
