import type { Page } from "@playwright/test";
import { backdateConnection, isoDay } from "./processor-records";
import { createBusiness, sandboxCompany } from "./quickbooks-fixtures";
import { QuickBooksPage } from "./quickbooks-page";
import { SignInPage } from "./sign-in-page";

/**
 * A new Ontario business whose owner (signed in on `page`) connected a new sandbox company with the
 * preselected mapping `connectedDaysAgo` days ago, so the days after that may be posted.
 */
export async function connectedBusiness(page: Page, companyLabel: string, connectedDaysAgo = 6) {
  const business = await createBusiness("ON");
  const company = await sandboxCompany({ name: `${companyLabel} ${business.merchantId}`, country: "CA", region: "ON" });
  await new SignInPage(page).signInAndWait("owner@demo.test");
  const qbo = new QuickBooksPage(page, business.merchantId);
  await qbo.connectWithDefaults(company, company.name);
  await backdateConnection(business.id, isoDay(-connectedDaysAgo));
  return { business, company, qbo };
}
