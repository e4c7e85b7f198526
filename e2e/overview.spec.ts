/**
 * The overview dashboard in both languages, pages that never scroll sideways on a laptop or a
 * phone, and a posted deposit opened where it lives: the QuickBooks sandbox's own deposit page.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { connectedBusiness } from "./pages/connected-business";
import { isoDay, sendDeposit, sendSales } from "./pages/processor-records";
import { createBusiness } from "./pages/quickbooks-fixtures";
import { SignInPage } from "./pages/sign-in-page";

async function expectChart(page: Page, merchantId: string, legend: string) {
  await page.goto(`/b/${merchantId}/overview`);
  const chart = page.getByTestId("overview-chart");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  // Thirty days of bars were drawn from the seeded activity, and the legend is in the reader's language.
  expect(await chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(10);
  await expect(chart.getByText(legend, { exact: true })).toBeVisible();
}

test.describe("the overview, page widths and QuickBooks links", () => {
  test("the overview chart renders in English and in French", async ({ page, browser }) => {
    test.setTimeout(180_000);
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await expectChart(page, "MID-1001", "Net deposits");
    await expect(page.getByTestId("overview-quickbooks")).toContainText("QuickBooks");
    await expect(page.getByTestId("overview-deposit").first()).toBeVisible();

    const french = await browser.newPage();
    await new SignInPage(french).signInAndWait("proprietaire@demo.test");
    await expectChart(french, "MID-2002", "Dépôts nets");
    await expect(french.getByRole("heading", { name: "30 derniers jours" })).toBeVisible();
    await french.close();
  });

  test("the greeting ends with one period after a business name that already ends with one, in English and in French", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const tag = randomBytes(3).toString("hex").toUpperCase();
    const english = await createBusiness("ON", "owner@demo.test", { legalName: `Boulangerie ${tag} Ltd.` });
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await page.goto(`/b/${english.merchantId}/overview`);
    await expect(page.getByText(`Welcome to the portal of Boulangerie ${tag} Ltd.`, { exact: true })).toBeVisible();

    const frenchBusiness = await createBusiness("QC", "proprietaire@demo.test", { legalName: `Café ${tag} inc.` });
    const french = await browser.newPage();
    await new SignInPage(french).signInAndWait("proprietaire@demo.test");
    await french.goto(`/b/${frenchBusiness.merchantId}/overview`);
    await expect(french.getByText(`Bienvenue dans le portail de Café ${tag} inc.`, { exact: true })).toBeVisible();
    await french.close();
  });

  test("no portal page scrolls horizontally at 390 px or 1280 px", async ({ page }) => {
    test.setTimeout(300_000);
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await page.goto("/b/MID-1001/deposits");
    const depositHref = await page.locator('a[href*="/deposits/"]').first().getAttribute("href");
    const paths = ["overview", "transactions", "deposits", "quickbooks", "settings"].map((p) => `/b/MID-1001/${p}`);
    if (depositHref) paths.push(depositHref);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState("load");
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          clientWidth: document.scrollingElement!.clientWidth,
        }));
        expect.soft(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(clientWidth);
      }
    }
  });

  test("a posted deposit's QuickBooks link opens the sandbox's deposit page with the same amount", async ({ page, context }) => {
    test.setTimeout(180_000);
    const { business, company, qbo } = await connectedBusiness(page, "Linked Books", 4);

    const tag = randomBytes(3).toString("hex");
    const sales = [
      { processorId: `ls1-${tag}`, amountMinor: 4_520, taxMinor: 520, day: isoDay(-3) },
      { processorId: `ls2-${tag}`, amountMinor: 1_130, taxMinor: 130, day: isoDay(-3) },
    ];
    await sendSales(business, sales);
    const deposit = await sendDeposit(business, `ldep-${tag}`, isoDay(-2), sales);

    await qbo.goto();
    await expect(await qbo.syncNow()).toContainText("Sync finished", { timeout: 60_000 });

    // The deposit's own page links to the document in QuickBooks, in a new tab.
    await page.goto(`/b/${business.merchantId}/deposits/${deposit.id}`);
    const link = page.getByTestId("deposit-qbo").getByRole("link", { name: /^Deposit \d+ in QuickBooks$/ });
    await expect(link).toHaveAttribute("target", "_blank");
    const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await opened.waitForLoadState();
    if (opened.url().includes("/app/signin")) {
      // The sandbox asks its own user to sign in first, as QuickBooks would.
      await opened.getByLabel("Email").fill(company.email);
      await opened.getByLabel("Password").fill(company.password);
      await Promise.all([opened.waitForLoadState(), opened.locator('form button[type="submit"]').first().click()]);
      await opened.goto(await link.getAttribute("href").then((h) => h!));
    }
    await expect(opened.getByRole("heading", { name: /^Deposit \d+$/ })).toBeVisible();
    await expect(opened.getByTestId("document-total")).toHaveText(/^56\.50\b/);
    expect(deposit.amountMinor).toBe(5_650);
    // And the receipts it settled link to theirs.
    await expect(page.getByRole("link", { name: /^Sales receipt \d+ in QuickBooks$/ })).toHaveCount(2);
  });
});
