/**
 * The portal's data pages on the seeded demo: Transactions (filters, Load more), Deposits and a
 * deposit's drill-down, in English and in Canadian French. Selectors go by role and label.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const MERCHANT = "MID-1001";

/** Cents from a formatted amount: "$1,234.56", "-$5.00", "1 234,56 $", "-5,00 $". */
function centsOf(text: string): number {
  const normalized = text.replace(/[\s\u00a0\u202f$]/g, "").replace(/[−–]/, "-");
  const negative = normalized.startsWith("-");
  const digits = normalized.replace(/[^\d]/g, "");
  return (negative ? -1 : 1) * Number(digits);
}

async function cellTexts(table: Locator, column: number): Promise<string[]> {
  return table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
}

function transactionsTable(page: Page) {
  return page.getByRole("table", { name: /Card transactions|Transactions par carte/ });
}

async function newestBusinessDate(page: Page, merchantId: string): Promise<string> {
  // The JSON route shares the browser's session cookie.
  const response = await page.request.get(`/api/b/${merchantId}/transactions?limit=1`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { rows: { businessDate: string }[] };
  return body.rows[0].businessDate;
}

test.describe("transactions", () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
  });

  test("lists the newest transactions and loads more with the keyset cursor", async ({ page }) => {
    await page.goto(`/b/${MERCHANT}/transactions`);
    await expect(page.getByRole("heading", { level: 1, name: "Transactions" })).toBeVisible();
    const table = transactionsTable(page);
    await expect(table.getByRole("columnheader", { name: "Amount" })).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(50);
    await expect(page.getByRole("status").filter({ hasText: "50 transactions shown" })).toBeVisible();

    await page.getByRole("button", { name: "Load more" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(100);
    await expect(page.getByRole("status").filter({ hasText: "100 transactions shown" })).toBeVisible();

    // Settled rows link to their deposit; the demo settles every day but the last.
    const depositLinks = table.getByRole("link", { name: /^Deposit of / });
    expect(await depositLinks.count()).toBeGreaterThan(0);
    await expect(table.getByText("•••• ").first()).toBeVisible();
  });

  test("filters by kind: refunds only, shown as negative amounts", async ({ page }) => {
    await page.goto(`/b/${MERCHANT}/transactions`);
    await page.getByRole("checkbox", { name: "Refund" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/kind=refund/);
    const table = transactionsTable(page);
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const kinds = await cellTexts(table, 3);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["Refund"]));
    for (const amount of await cellTexts(table, 6)) expect(centsOf(amount)).toBeLessThan(0);
    await expect(page.getByRole("checkbox", { name: "Refund" })).toBeChecked();
  });

  test("filters by a date range, both ends inclusive", async ({ page }) => {
    await page.goto(`/b/${MERCHANT}/transactions`);
    const day = await newestBusinessDate(page, MERCHANT);
    await page.getByLabel("From").fill(day);
    await page.getByLabel("To").fill(day);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
    const expected = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
    const table = transactionsTable(page);
    await expect(table.locator("tbody tr").first()).toBeVisible();
    expect(new Set(await cellTexts(table, 1))).toEqual(new Set([expected]));

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(new RegExp(`/b/${MERCHANT}/transactions$`));
  });

  test("says so when nothing matches", async ({ page }) => {
    // Inside the dates the filters accept (2000-01-01 to 2099-12-31), long before the demo history.
    await page.goto(`/b/${MERCHANT}/transactions?from=2000-01-01&to=2000-01-31`);
    await expect(page.getByText("No transaction matches these filters.")).toBeVisible();
  });

  test("the JSON route refuses another business and a bad parameter", async ({ page }) => {
    expect((await page.request.get("/api/b/MID-9999/transactions")).status()).toBe(404);
    const bad = await page.request.get(`/api/b/${MERCHANT}/transactions?kind=gift_card`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).parameter).toBe("kind");
  });
});

test.describe("deposits", () => {
  test("lists deposits and drills down to items whose totals add up to the net", async ({ page }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await page.goto(`/b/${MERCHANT}/deposits`);
    await expect(page.getByRole("heading", { level: 1, name: "Deposits" })).toBeVisible();
    const table = page.getByRole("table", { name: /Settlement deposits/ });
    for (const header of ["Gross sales", "Refunds", "Chargebacks", "Chargeback reversals", "Fees", "Net deposit"]) {
      await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
    }
    const firstRow = table.locator("tbody tr").first();
    const listedNet = centsOf(await firstRow.locator("td").last().innerText());

    await firstRow.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: /^Deposit of / })).toBeVisible();
    const paid = centsOf(await page.getByTestId("deposit-amount-paid").innerText());
    const breakdownNet = centsOf(await page.getByTestId("deposit-breakdown-net").innerText());
    const transactionsTotal = centsOf(await page.getByTestId("deposit-transactions-total").innerText());
    const feesTotal = await page.getByTestId("deposit-fees-total").count() ? centsOf(await page.getByTestId("deposit-fees-total").innerText()) : 0;
    expect(paid).toBe(listedNet);
    expect(breakdownNet).toBe(paid);
    expect(transactionsTotal + feesTotal).toBe(paid);
    await expect(page.getByRole("alert").filter({ hasText: "differ" })).toHaveCount(0);

    // Every line of the breakdown adds up to its net.
    const breakdown = page.getByRole("table", { name: "How the deposit adds up" });
    const lines = (await breakdown.locator("tbody td").allInnerTexts()).map(centsOf);
    expect(lines.reduce((a, b) => a + b, 0)).toBe(paid);

    await page.getByRole("link", { name: /All deposits/ }).click();
    await expect(page).toHaveURL(new RegExp(`/b/${MERCHANT}/deposits$`));
  });

  test("a transaction's deposit link opens that deposit, and another business's deposit is 404", async ({ page }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await page.goto(`/b/${MERCHANT}/transactions`);
    const link = transactionsTable(page).getByRole("link", { name: /^Deposit of / }).first();
    const href = await link.getAttribute("href");
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByRole("heading", { level: 1, name: /^Deposit of / })).toBeVisible();

    // The same deposit id under another business the user belongs to does not exist there.
    const depositId = href!.split("/").pop();
    const elsewhere = await page.goto(`/b/MID-3003/deposits/${depositId}`);
    expect(elsewhere?.status()).toBe(404);
  });
});

test.describe("in Canadian French", () => {
  test("amounts, kinds and dates read in French", async ({ page }) => {
    // The Quebec owner's saved language is fr-CA.
    await new SignInPage(page).signInAndWait("proprietaire@demo.test");
    await page.goto("/b/MID-2002/transactions");
    await expect(page.getByRole("heading", { level: 1, name: "Transactions" })).toBeVisible();
    const table = transactionsTable(page);
    await expect(table.getByRole("columnheader", { name: "Montant" })).toBeVisible();
    const amounts = (await cellTexts(table, 6)).map((a) => a.replace(/[\u00a0\u202f]/g, " "));
    expect(amounts.length).toBeGreaterThan(0);
    for (const amount of amounts) expect(amount).toMatch(/^-?\d{1,3}( \d{3})*,\d{2} \$$/);
    expect(new Set(await cellTexts(table, 3)).has("Vente")).toBe(true);

    await page.getByRole("checkbox", { name: "Remboursement" }).check();
    await page.getByRole("button", { name: "Appliquer les filtres" }).click();
    await expect(page).toHaveURL(/kind=refund/);
    expect(new Set(await cellTexts(table, 3))).toEqual(new Set(["Remboursement"]));

    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Dépôts" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Dépôts" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Dépôt net" })).toBeVisible();
    await page.getByRole("table", { name: /Dépôts de règlement/ }).locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: /^Dépôt du / })).toBeVisible();
    await expect(page.getByRole("table", { name: "Composition du dépôt" })).toBeVisible();
  });
});
