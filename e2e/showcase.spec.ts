import { expect, test } from "@playwright/test";
import { e2eDb, SANDBOX_URL } from "./pages/quickbooks-fixtures";
import { QuickBooksPage } from "./pages/quickbooks-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * The demo's showcase business on a fresh demo database: MID-4004, connected about five weeks ago
 * and posted by the sync engine against the sandbox while the app started. The owner sees a month
 * of books: posted days, the paused days, version 2 of the mapping and the one failed item.
 */
const MERCHANT_ID = "MID-4004";

async function showcaseFacts() {
  const db = e2eDb();
  const [connection] = await db`select c.id, c.realm_id, to_char(c.connected_on, 'YYYY-MM-DD') as connected_on
    from qbo_connections c join businesses b on b.id = c.business_id where b.merchant_id = ${MERCHANT_ID}`;
  const [pause] = await db`select to_char(paused_from, 'YYYY-MM-DD') as paused_from, to_char(resumed_on, 'YYYY-MM-DD') as resumed_on
    from qbo_pauses where connection_id = ${connection.id}`;
  const [v2] = await db`select to_char(effective_from, 'YYYY-MM-DD') as effective_from, expense_account_name
    from qbo_mapping_versions where connection_id = ${connection.id} and version = 2`;
  return { connection, pause, v2 };
}

const dayAfter = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

test("the owner opens MID-4004 and sees a month of books in QuickBooks: posted days, the paused days, mapping version 2 and the failed item", async ({ page }) => {
  const { connection, pause, v2 } = await showcaseFacts();
  expect(connection.realm_id).toBeTruthy();

  await new SignInPage(page).signInAndWait("owner@demo.test");
  const qbo = new QuickBooksPage(page, MERCHANT_ID);
  await qbo.goto();

  // The day ledger: its first page holds a month; the rest back to the connection day loads on demand.
  const days = page.getByTestId("sync-ledger-day");
  await expect(days.first()).toBeVisible();
  expect(await days.count()).toBeGreaterThanOrEqual(30);
  expect(await page.locator('[data-testid="sync-ledger-day"][data-state="posted"]').count()).toBeGreaterThanOrEqual(20);
  await expect(page.locator(`[data-testid="sync-ledger-day"][data-date="${dayAfter(connection.connected_on, 1)}"]`)).toHaveCount(0);
  await page.getByTestId("sync-ledger").getByRole("button").last().click();
  await expect(page.locator(`[data-testid="sync-ledger-day"][data-date="${dayAfter(connection.connected_on, 1)}"]`)).toHaveAttribute("data-state", "posted");
  expect(await days.count()).toBeGreaterThanOrEqual(35);

  // Nothing of the paused days was sent.
  for (let day = pause.paused_from; day < pause.resumed_on; day = dayAfter(day, 1)) {
    await expect(page.locator(`[data-testid="sync-ledger-day"][data-date="${day}"]`)).toHaveAttribute("data-state", "paused");
  }

  // Every posted deposit ties out, the negative settlement included.
  const differences = page.getByTestId("sync-deposit-difference");
  expect(await differences.count()).toBeGreaterThan(15);
  for (const text of await differences.allTextContents()) expect(text).toContain("Ties out");

  // The one failed item, with QuickBooks' reason, waiting for the owner.
  const failed = page.getByTestId("failed-item");
  await expect(failed).toHaveCount(1);
  await expect(failed.getByTestId("failed-reason")).toContainText("The books are closed in QuickBooks");
  await expect(failed.getByTestId("failed-ready-one")).toHaveText("Ready to sync");
  await expect(failed.getByTestId("failed-resolved-one")).toHaveText("Resolved");

  // The mapping history: version 2 from its day on.
  await expect(page.getByTestId("qbo-version-2")).toContainText(v2.expense_account_name);
  await expect(page.getByTestId("qbo-version-1")).toBeVisible();

  // The sandbox's own QuickBooks pages hold the same company.
  const company = await fetch(`${SANDBOX_URL}/_sandbox/companies/${connection.realm_id}`).then((r) => r.json());
  expect(company.connectedApps).toHaveLength(1);
});
