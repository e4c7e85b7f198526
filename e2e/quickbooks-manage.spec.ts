import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import {
  addSandboxCompany,
  apiStatus,
  CLIENT_ID,
  connectionRow,
  createBusiness,
  e2eDb,
  injectFault,
  sandboxCompany,
  sandboxCompanySummary,
  sandboxEntities,
  storedAccessToken,
} from "./pages/quickbooks-fixtures";
import { IntuitAuthorizePage } from "./pages/quickbooks-intuit-page";
import { QuickBooksPage } from "./pages/quickbooks-page";

async function connectedBusiness(page: Page, region: "ON" | "NY" = "ON") {
  const business = await createBusiness(region);
  const company = await sandboxCompany({ name: `Managed Books ${business.merchantId}`, country: region === "NY" ? "US" : "CA", region });
  await new SignInPage(page).signInAndWait("owner@demo.test");
  const qbo = new QuickBooksPage(page, business.merchantId);
  await qbo.connectWithDefaults(company, company.name);
  return { business, company, qbo };
}

test.describe("the Manage tab", () => {
  test("pause then resume, each confirmed with what it means", async ({ page }) => {
    const { business, qbo } = await connectedBusiness(page);
    await expect(qbo.status).toHaveText("Active");
    await qbo.manageAction("pause", /paused days will never be sent/);
    await expect(qbo.done).toContainText("paused");
    await expect(qbo.status).toHaveText("Paused");
    await expect(page.getByTestId("qbo-paused-from")).toBeVisible();
    await expect(page.getByTestId("qbo-actions").getByRole("link", { name: "Pause", exact: true })).toHaveCount(0);
    await qbo.manageAction("resume", /from today/);
    await expect(qbo.done).toContainText("Data flows from today");
    await expect(qbo.status).toHaveText("Active");
    const pauses = await e2eDb()`select p.* from qbo_pauses p join qbo_connections c on c.id = p.connection_id where c.business_id = ${business.id}`;
    expect(pauses).toHaveLength(1);
    expect(pauses[0].resumed_on).toBeTruthy();
    const actions = (await e2eDb()`select action from audit_events where business_id = ${business.id} order by created_at`).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["quickbooks.consent_given", "quickbooks.connected", "quickbooks.mapping_confirmed", "quickbooks.paused", "quickbooks.resumed"]));
  });

  test("resume is refused after 365 days paused until the owner reauthorizes", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page);
    await qbo.manageAction("pause");
    await expect(qbo.status).toHaveText("Paused");
    // The injected clock: the pause happened 367 days ago (the database's UTC date may be a day ahead of Toronto's).
    await e2eDb()`update qbo_pauses set paused_from = (current_date - 367) where connection_id = (select id from qbo_connections where business_id = ${business.id})`;
    await e2eDb()`update qbo_connections set paused_at = now() - interval '367 days', last_authorized_at = now() - interval '400 days' where business_id = ${business.id}`;
    await qbo.manageAction("resume");
    await expect(qbo.error).toContainText("paused for more than a year. Reauthorize it first");
    await expect(qbo.status).toHaveText("Paused");

    await qbo.manageAction("reauthorize", /same company/);
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(qbo.done).toContainText("renewed");
    await expect(qbo.status).toHaveText("Paused");
    await qbo.manageAction("resume");
    await expect(qbo.status).toHaveText("Active");
  });

  test("editing the mapping creates a version effective today, listed with who changed it", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page);
    await qbo.goto("mapping");
    await expect(qbo.select("revenue")).toHaveValue("default");
    const sales = (await sandboxEntities(company.realmId, "Account")).find((a) => a.AccountType === "Income" && a.Name !== "Maple Payments Revenue")!;
    await qbo.select("revenue").selectOption(String(sales.Id));
    await qbo.submitMapping();
    await expect(qbo.done).toContainText("applies to what is posted from today on");
    await expect(page.getByTestId("qbo-version-2")).toContainText(String(sales.Name));
    await expect(page.getByTestId("qbo-version-2")).toContainText("Olivia Owner");
    await expect(page.getByTestId("qbo-version-1")).toContainText("Maple Payments Revenue");
    const versions = await e2eDb()`select v.version, v.effective_from::text as effective_from from qbo_mapping_versions v join qbo_connections c on c.id = v.connection_id where c.business_id = ${business.id} order by version`;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // Defaults are reused, never duplicated, when the mapping goes back to them.
    await qbo.goto("mapping");
    await qbo.select("revenue").selectOption("default");
    await qbo.submitMapping();
    await expect(page.getByTestId("qbo-version-3")).toContainText("Maple Payments Revenue");
    expect((await sandboxEntities(company.realmId, "Account")).filter((a) => a.Name === "Maple Payments Revenue")).toHaveLength(1);
  });

  test("mapping health names a mapped account made inactive in QuickBooks", async ({ page }) => {
    const { company, qbo } = await connectedBusiness(page);
    await expect(page.getByTestId("qbo-health")).toContainText("all exist and are active");
    const revenue = (await sandboxEntities(company.realmId, "Account")).find((a) => a.Name === "Maple Payments Revenue")!;
    await injectFault(company.realmId, { kind: "inactive", entity: "Account", id: String(revenue.Id) });
    // The Manage tab shows the last check (under a minute old); "Check now" asks QuickBooks again.
    await qbo.goto();
    await page.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByTestId("qbo-health")).toContainText('The revenue account "Maple Payments Revenue" is inactive in QuickBooks');
    await expect(page.getByTestId("qbo-health")).toContainText("Make it active again");
  });

  test("reauthorize after the sandbox revoked the tokens; another company is refused", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page);
    await injectFault(company.realmId, { kind: "revokeGrant" });
    // The Manage tab shows the last check; "Check now" asks QuickBooks, which refuses the grant.
    await qbo.goto();
    await page.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByTestId("qbo-needs-reauthorization")).toBeVisible();
    await expect(qbo.status).toHaveText("Needs reauthorization");

    const otherName = `Other Books ${business.merchantId}`;
    await addSandboxCompany(company.email, { name: otherName, country: "CA", region: "ON" });
    await qbo.manageAction("reauthorize");
    await new IntuitAuthorizePage(page).authorize(company, otherName);
    await expect(qbo.error).toContainText(`Reauthorize with the company this business is connected to (${company.name})`);
    await expect(qbo.status).toHaveText("Needs reauthorization");

    await qbo.manageAction("reauthorize");
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(qbo.done).toContainText("renewed");
    await expect(qbo.status).toHaveText("Active");
    await expect(page.getByTestId("qbo-version-1")).toBeVisible();
    expect(await apiStatus(company.realmId, (await storedAccessToken(business.id))!)).toBe(200);
  });

  test("disconnect revokes the tokens at the sandbox and keeps the record", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page);
    const token = (await storedAccessToken(business.id))!;
    expect(await apiStatus(company.realmId, token)).toBe(200);
    expect((await sandboxCompanySummary(company.realmId)).connectedApps).toContain(CLIENT_ID);
    await qbo.manageAction("disconnect", /is revoked.*stays there.*setting everything up again/i);
    await expect(qbo.done).toContainText("Access was revoked");
    await expect(qbo.statusLine).toContainText("Disconnected");
    expect(await apiStatus(company.realmId, token)).toBe(401);
    expect((await sandboxCompanySummary(company.realmId)).connectedApps).not.toContain(CLIENT_ID);
    expect(await storedAccessToken(business.id)).toBeNull();
    expect(await connectionRow(business.id)).toMatchObject({ status: "disconnected", realm_id: company.realmId });
    // Connecting again is the full onboarding.
    await expect(page.getByRole("link", { name: "Connect to QuickBooks" })).toBeVisible();
  });

  test("accountants see the Manage tab read-only; staff only the status line", async ({ page }) => {
    const { business, qbo } = await connectedBusiness(page);
    await page.context().clearCookies();
    await new SignInPage(page).signInAndWait("accountant@demo.test");
    await qbo.goto();
    await expect(qbo.manage).toContainText("only the owner of the business can change it");
    await expect(page.getByTestId("qbo-actions")).toHaveCount(0);
    await expect(page.getByTestId("qbo-version-1")).toBeVisible();
    const refused = await page.request.post("/api/quickbooks/manage", { form: { merchantId: business.merchantId, action: "disconnect" }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    await qbo.goto("confirm/disconnect");
    await expect(page).toHaveURL(new RegExp(`${qbo.base}$`));

    await page.context().clearCookies();
    await new SignInPage(page).signInAndWait("staff@demo.test");
    await qbo.goto();
    await expect(qbo.statusLine).toContainText("Active");
    await expect(qbo.manage).toHaveCount(0);
    await expect(page.getByTestId("qbo-versions")).toHaveCount(0);
    expect((await page.request.post("/api/quickbooks/manage", { form: { merchantId: business.merchantId, action: "pause" }, maxRedirects: 0 })).status()).toBe(403);
    expect((await connectionRow(business.id))?.status).toBe("active");
  });
});
