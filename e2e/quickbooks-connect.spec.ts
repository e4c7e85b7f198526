import { expect, test, type Page } from "@playwright/test";
import { createState } from "../lib/quickbooks/oauth-state";
import { sendSales } from "./pages/processor-records";
import { SignInPage } from "./pages/sign-in-page";
import { connectionRow, createBusiness, e2eDb, sandboxCompany, sandboxEntities, storedAccessToken } from "./pages/quickbooks-fixtures";
import { IntuitAuthorizePage } from "./pages/quickbooks-intuit-page";
import { QuickBooksPage } from "./pages/quickbooks-page";

/** The e2e app runs with the demo AUTH_SECRET (lib/env.ts default), which signs OAuth states. */
const DEMO_AUTH_SECRET = "settlebooks-demo-auth-secret-change-me-0123456789";

async function signIn(page: Page, email = "owner@demo.test") {
  await new SignInPage(page).signInAndWait(email);
}

test.describe("connecting a business to QuickBooks", () => {
  test("the owner connects with the defaults; the wizard survives reload and Back", async ({ page }) => {
    const business = await createBusiness("ON");
    const company = await sandboxCompany({ name: `Ontario Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.goto();
    await expect(qbo.statusLine).toContainText("Not connected");
    const intro = page.getByTestId("qbo-intro");
    for (const text of ["Card sales", "Refunds", "Chargebacks", "fees", "Settlement deposits", "starting on the day you connect", "any plan", "QuickBooks Desktop is not supported"]) {
      await expect(intro).toContainText(text);
    }
    await qbo.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);

    await expect(page).toHaveURL(new RegExp(`${qbo.base}/setup`));
    await expect(page.getByTestId("qbo-connected-to")).toContainText(company.name);
    await expect(qbo.select("revenue")).toHaveValue("default");
    await expect(qbo.select("revenue").locator("option:checked")).toHaveText(/Maple Payments Revenue \(new, recommended\)/);
    await expect(qbo.select("expense").locator("option:checked")).toHaveText(/Maple Payments Expense/);
    await expect(qbo.select("customer").locator("option:checked")).toHaveText(/Maple Payments Customer/);
    await expect(qbo.select("taxCode").locator("option:checked")).toHaveText("HST ON");
    await expect(page.getByText(/keep card activity apart from the rest of your books/)).toBeVisible();
    await page.reload();
    await expect(qbo.select("taxCode").locator("option:checked")).toHaveText("HST ON");
    await qbo.submitMapping();

    await expect(page).toHaveURL(/\/setup\/review\?/);
    const summary = page.getByTestId("qbo-mapping-summary");
    await expect(summary).toContainText("Maple Payments Revenue");
    await expect(summary).toContainText("Maple Payments Expense");
    await expect(summary).toContainText("HST ON");
    await page.reload();
    await expect(summary).toContainText("Maple Payments Customer");
    await page.goBack();
    await expect(page).toHaveURL(/\/setup($|\?)/);
    await expect(qbo.select("revenue")).toHaveValue("default");
    await qbo.submitMapping();
    await qbo.confirmReview();
    await expect(page.getByTestId("qbo-setup-done")).toContainText("within 24 hours");
    // The browser tests' portal runs with SYNC_SCHEDULE=off: the page says no sync is coming.
    await expect(page.getByTestId("qbo-next-sync")).toContainText("No automatic syncs: schedule off");

    await qbo.goto();
    await expect(qbo.status).toHaveText("Active");
    await expect(page.getByTestId("qbo-next-sync")).toHaveText("No automatic syncs: schedule off");
    await expect(page.getByTestId("qbo-company")).toHaveText(company.name);
    await expect(page.getByTestId("qbo-connected")).toContainText("Olivia Owner");
    await expect(page.getByTestId("qbo-version-1")).toContainText("Maple Payments Revenue");
    await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: /QuickBooks/ })).toContainText("Active");
    const accounts = await sandboxEntities(company.realmId, "Account");
    expect(accounts.filter((a) => a.Name === "Maple Payments Revenue")).toEqual([expect.objectContaining({ AccountType: "Income" })]);
    expect(accounts.filter((a) => a.Name === "Maple Payments Expense")).toEqual([expect.objectContaining({ AccountType: "Expense", AccountSubType: "BankCharges" })]);

    // Confirming again (a double submit or the Back button) creates nothing more.
    await qbo.goto("setup");
    await expect(page).toHaveURL(new RegExp(`${qbo.base}/done`));
    expect((await sandboxEntities(company.realmId, "Account")).filter((a) => a.Name === "Maple Payments Revenue")).toHaveLength(1);
  });

  test("the owner connects with chosen accounts", async ({ page }) => {
    const business = await createBusiness("NY");
    const company = await sandboxCompany({ name: `Empire Books ${business.merchantId}`, country: "US", region: "NY" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page).toHaveURL(/\/setup/);
    await expect(qbo.select("taxCode").locator("option:checked")).toHaveText("NY State");

    const pickOther = async (slot: "bank" | "revenue" | "expense") => {
      const options = qbo.select(slot).locator("option:not([disabled])");
      const values = await options.evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent ?? ""]));
      const chosen = values.find(([value]) => value !== "default" && value !== "")!;
      if (slot === "bank" && values.length > 1) {
        await qbo.select(slot).selectOption(values[values.length - 1][0]);
        return values[values.length - 1][1];
      }
      await qbo.select(slot).selectOption(chosen[0]);
      return chosen[1];
    };
    const bank = await pickOther("bank");
    const revenue = await pickOther("revenue");
    const expense = await pickOther("expense");
    await qbo.select("taxCode").selectOption({ label: "Not taxable" });
    await qbo.submitMapping();
    const summary = page.getByTestId("qbo-mapping-summary");
    for (const name of [bank, revenue, expense, "Not taxable", "Maple Payments Customer"]) await expect(summary).toContainText(name);
    await qbo.confirmReview();
    await qbo.goto();
    const version = page.getByTestId("qbo-version-1");
    for (const name of [bank, revenue, expense]) await expect(version).toContainText(name);
    const accounts = await sandboxEntities(company.realmId, "Account");
    expect(accounts.some((a) => a.Name === "Maple Payments Revenue")).toBe(false);
    expect((await connectionRow(business.id))).toMatchObject({ status: "active", uses_us_sales_tax: true, home_currency: "USD" });
  });

  test("accountants and staff see the page without Connect, and the server refuses them", async ({ page }) => {
    const business = await createBusiness("ON");
    for (const email of ["accountant@demo.test", "staff@demo.test"]) {
      await page.context().clearCookies();
      await signIn(page, email);
      const qbo = new QuickBooksPage(page, business.merchantId);
      await qbo.goto();
      await expect(page.getByTestId("qbo-intro")).toBeVisible();
      await expect(page.getByTestId("qbo-owner-only")).toHaveText("Only the owner of this business can connect it to QuickBooks.");
      await expect(page.getByRole("link", { name: "Connect to QuickBooks" })).toHaveCount(0);
      await qbo.goto("connect");
      await expect(page.getByTestId("qbo-owner-only")).toBeVisible();
      await expect(page.locator('input[name="consent"]')).toHaveCount(0);
      for (const [path, form] of [
        ["/api/quickbooks/connect", { merchantId: business.merchantId, consent: "yes" }],
        ["/api/quickbooks/reauthorize", { merchantId: business.merchantId }],
        ["/api/quickbooks/manage", { merchantId: business.merchantId, action: "pause" }],
        ["/api/quickbooks/mapping", { merchantId: business.merchantId, mode: "setup", bank: "1", revenue: "default", expense: "default", customer: "default", taxCode: "1" }],
      ] as const) {
        const response = await page.request.post(path, { form, maxRedirects: 0 });
        expect(response.status(), `${email} ${path}`).toBe(403);
      }
    }
    const [{ count }] = await e2eDb()`select count(*)::int as count from oauth_states where business_id = ${business.id}`;
    expect(count).toBe(0);
    expect((await connectionRow(business.id))?.consent_at ?? null).toBeNull();
  });

  test("a tampered or expired state shows a clear page and stores nothing", async ({ page }) => {
    const business = await createBusiness("ON");
    const company = await sandboxCompany({ name: `State Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.startConnect();
    const state = new URL(page.url()).searchParams.get("state")!;
    expect(state).toBeTruthy();

    const tampered = `${state.slice(0, -3)}${state.endsWith("AAA") ? "BBB" : "AAA"}`;
    await page.goto(`/api/quickbooks/callback?code=abc&realmId=${company.realmId}&state=${encodeURIComponent(tampered)}`);
    await expect(qbo.error).toContainText("We couldn't finish connecting to QuickBooks");
    await expect(qbo.error).toContainText("could not be trusted");
    await expect(qbo.error).toContainText("Nothing was saved");
    await expect(qbo.statusLine).toContainText("Not connected");

    // A correctly signed state that expired 11 minutes ago (the portal stored its nonce at the time).
    const [owner] = await e2eDb()`select id from users where email = 'owner@demo.test'`;
    const old = createState(DEMO_AUTH_SECRET, { userId: owner.id, businessId: business.id, purpose: "connect" }, new Date(Date.now() - 11 * 60_000));
    await e2eDb()`insert into oauth_states (nonce, business_id, user_id, purpose, expires_at) values (${old.payload.nonce}, ${business.id}, ${owner.id}, 'connect', ${old.payload.expiresAt})`;
    await page.goto(`/api/quickbooks/callback?code=abc&realmId=${company.realmId}&state=${encodeURIComponent(old.state)}`);
    await expect(qbo.error).toContainText("took too long");
    expect(await storedAccessToken(business.id)).toBeNull();

    expect(await connectionRow(business.id)).toMatchObject({ status: "not_connected", realm_id: null });
  });

  test("a replayed callback is refused", async ({ page }) => {
    const business = await createBusiness("ON");
    const company = await sandboxCompany({ name: `Replay Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    let callbackUrl = "";
    page.on("request", (request) => {
      if (request.url().includes("/api/quickbooks/callback")) callbackUrl = request.url();
    });
    await qbo.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page).toHaveURL(/\/setup/);
    expect(callbackUrl).toContain("state=");
    await page.goto(callbackUrl);
    await expect(qbo.error).toContainText("already used");
  });

  test("Cancel on Intuit's page comes back with a clear message", async ({ page }) => {
    const business = await createBusiness("ON");
    const company = await sandboxCompany({ name: `Cancel Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.startConnect();
    const intuit = new IntuitAuthorizePage(page);
    await intuit.signInIfAsked(company);
    await intuit.chooseCompany(company.name);
    await intuit.cancel();
    await expect(page).toHaveURL(new RegExp(`${qbo.base}\\?error=access_denied`));
    await expect(qbo.error).toContainText("The connection was cancelled on QuickBooks' page");
    await expect(qbo.statusLine).toContainText("Not connected");
    await expect(page.getByRole("link", { name: "Connect to QuickBooks" })).toBeVisible();
  });

  test("one QuickBooks company cannot serve two businesses", async ({ page }) => {
    const first = await createBusiness("ON");
    const second = await createBusiness("ON");
    const company = await sandboxCompany({ name: `Shared Books ${first.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo1 = new QuickBooksPage(page, first.merchantId);
    await qbo1.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page).toHaveURL(/\/setup/);

    const qbo2 = new QuickBooksPage(page, second.merchantId);
    await qbo2.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page).toHaveURL(new RegExp(`${qbo2.base}\\?error=company_taken`));
    await expect(qbo2.error).toContainText("already connected to another merchant account");
    await expect(qbo2.error).not.toContainText(first.legalName);
    await expect(qbo2.error).not.toContainText(first.merchantId);
    await expect(qbo2.statusLine).toContainText("Not connected");
    expect(await connectionRow(second.id)).toMatchObject({ status: "not_connected", realm_id: null });
    expect(await storedAccessToken(second.id)).toBeNull();
    expect(await connectionRow(first.id)).toMatchObject({ status: "active", realm_id: company.realmId });
  });

  test("a company in another currency is refused with an explanation", async ({ page }) => {
    const business = await createBusiness("NY");
    const company = await sandboxCompany({ name: `Maple Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(qbo.error).toContainText("home currency is CAD, but this business is paid in USD");
    expect(await storedAccessToken(business.id)).toBeNull();
  });

  test("the whole flow in French", async ({ page }) => {
    const business = await createBusiness("QC", "proprietaire@demo.test");
    const company = await sandboxCompany({ name: `Livres du Québec ${business.merchantId}`, country: "CA", region: "QC" });
    await signIn(page, "proprietaire@demo.test");
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.goto();
    await expect(qbo.statusLine).toContainText("Non connecté");
    await expect(page.getByTestId("qbo-intro")).toContainText("QuickBooks Desktop n’est pas pris en charge.");
    await qbo.startConnect(/Se connecter à QuickBooks/);
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page.getByRole("heading", { name: "Choisissez où va votre activité" })).toBeVisible();
    await expect(qbo.select("revenue").locator("option:checked")).toHaveText(/Revenu Maple Payments \(nouveau, recommandé\)/);
    await expect(qbo.select("expense").locator("option:checked")).toHaveText(/Dépenses Maple Payments/);
    await expect(qbo.select("customer").locator("option:checked")).toHaveText(/Client Maple Payments/);
    await expect(qbo.select("taxCode").locator("option:checked")).toHaveText("GST/QST QC - 9.975");
    await qbo.submitMapping();
    await expect(page.getByRole("heading", { name: "Vérifier et confirmer" })).toBeVisible();
    await qbo.confirmReview();
    await expect(page.getByTestId("qbo-setup-done")).toContainText("d’ici 24 heures");
    await qbo.goto();
    await expect(qbo.status).toHaveText("Actif");
    await expect(page.getByTestId("qbo-version-1")).toContainText("Revenu Maple Payments");
    const accounts = await sandboxEntities(company.realmId, "Account");
    expect(accounts.filter((a) => a.Name === "Revenu Maple Payments")).toHaveLength(1);
    expect(accounts.filter((a) => a.Name === "Dépenses Maple Payments")).toHaveLength(1);
    expect((await sandboxEntities(company.realmId, "Customer")).filter((c) => c.DisplayName === "Client Maple Payments")).toHaveLength(1);
  });

  test("the tax code at the rate recent sales carried is preselected; another code is warned about, in English and French", async ({ page, browser }) => {
    const business = await createBusiness("ON");
    // The processor charged 5 % (GST alone) on this Ontario business's recent sales.
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() - 2 * 86_400_000));
    await sendSales(business, [
      { processorId: `gst-1-${business.merchantId}`, amountMinor: 1_050, taxMinor: 50, day },
      { processorId: `gst-2-${business.merchantId}`, amountMinor: 2_100, taxMinor: 100, day },
    ]);
    const company = await sandboxCompany({ name: `GST Books ${business.merchantId}`, country: "CA", region: "ON" });
    await signIn(page);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.startConnect();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(page).toHaveURL(/\/setup/);
    // By rate, not by region (the region alone would give HST ON).
    await expect(qbo.select("taxCode").locator("option:checked")).toHaveText("GST");
    await expect(page.getByTestId("tax-rate-match")).toContainText("taxed at 5.00 %): GST is 5 %");
    await expect(page.getByTestId("tax-rate-warning")).toHaveCount(0);

    // The owner picks another code: the warning names both rates at once, and goes when GST is back.
    await qbo.select("taxCode").selectOption({ label: "HST ON" });
    const warning = page.getByTestId("tax-rate-warning");
    await expect(warning).toContainText("Recent sales were taxed at 5.00 % (2 sales in the last 30 days); HST ON is 13 %.");
    await qbo.select("taxCode").selectOption({ label: "GST" });
    await expect(warning).toHaveCount(0);
    await qbo.select("taxCode").selectOption({ label: "HST ON" });
    await qbo.submitMapping();
    await expect(page).toHaveURL(/\/setup\/review\?/);
    await expect(page.getByTestId("qbo-mapping-summary")).toContainText("HST ON");
    await expect(warning).toContainText("Recent sales were taxed at 5.00 %");
    const reviewUrl = page.url();

    // A French-speaking co-owner sees the same review and step in French.
    await e2eDb()`insert into memberships (user_id, business_id, role) select id, ${business.id}, 'owner' from users where email = 'proprietaire@demo.test'`;
    const context = await browser.newContext();
    const french = await context.newPage();
    await new SignInPage(french).signInAndWait("proprietaire@demo.test");
    await french.goto(reviewUrl);
    await expect(french.getByTestId("tax-rate-warning")).toContainText("Les ventes récentes ont été taxées à 5,00 % (2 ventes des 30 derniers jours) ; HST ON est à 13 %.");
    await french.goto(reviewUrl.replace("/setup/review?", "/setup?"));
    await expect(new QuickBooksPage(french, business.merchantId).select("taxCode").locator("option:checked")).toHaveText("HST ON");
    await expect(french.getByTestId("tax-rate-warning")).toContainText("HST ON est à 13 %");
    await context.close();
  });
});
