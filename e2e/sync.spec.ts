/**
 * Daily syncs as the owner sees them, against the sandbox, with no Inngest server (the app runs
 * "Sync now" and "Ready to sync" in-process): the ledger ties out, a broken mapping stops a run
 * with one message, failed items are retried or resolved, and an accountant only reads. Each test
 * connects its own business, so each scenario arranges exactly what it needs.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { connectedBusiness } from "./pages/connected-business";
import { allowSyncNow, isoDay, sendDeposit, sendFees, sendSales, type Sale } from "./pages/processor-records";
import { CLIENT_ID, e2eDb, injectFault, SANDBOX_URL, sandboxEntities, type TestBusiness } from "./pages/quickbooks-fixtures";
import { QuickBooksPage } from "./pages/quickbooks-page";
import { SignInPage } from "./pages/sign-in-page";

/** A QuickBooks document holding a processor id (DocNumber or PrivateNote). */
async function documentsFor(realmId: string, entity: string, processorId: string) {
  return (await sandboxEntities(realmId, entity)).filter((d) => d.PrivateNote === processorId || JSON.stringify(d).includes(`"${processorId}"`));
}

/** Another active customer in the company, as a bookkeeper would add it in QuickBooks. */
async function addCustomer(realmId: string, name: string): Promise<string> {
  const tokenResponse = await fetch(`${SANDBOX_URL}/_sandbox/companies/${realmId}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId: CLIENT_ID }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const created = await fetch(`${SANDBOX_URL}/v3/company/${realmId}/customer?minorversion=75`, {
    method: "POST",
    headers: { Authorization: `Bearer ${access_token}`, Accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ DisplayName: name }),
  });
  const json = (await created.json()) as { Customer?: { Id: string } };
  if (!json.Customer) throw new Error(`the sandbox did not create the customer: ${created.status} ${JSON.stringify(json)}`);
  return json.Customer.Id;
}

/** Audit actions recorded for the business (read back: the activity log words them, this names them). */
async function auditActions(businessId: string): Promise<string[]> {
  return (await e2eDb()`select action from audit_events where business_id = ${businessId}`).map((r) => r.action as string);
}

/** Sales of one day (3 days ago), each settled by its own deposit the next day. */
function dayOfSales(tag: string, amounts: Record<string, number>): Sale[] {
  return Object.entries(amounts).map(([name, amountMinor]) => ({ processorId: `${name}-${tag}`, amountMinor, taxMinor: Math.round((amountMinor * 13) / 113), day: isoDay(-3) }));
}

/**
 * The processor sends `sales` and their deposits while the books are closed before the deposit day:
 * the owner's Sync now fails every sale with QuickBooks' "Account Period Closed".
 */
async function failWhileBooksClosed(qbo: QuickBooksPage, business: TestBusiness, realmId: string, deposits: Record<string, Sale[]>) {
  await sendSales(business, Object.values(deposits).flat());
  for (const [processorId, settled] of Object.entries(deposits)) await sendDeposit(business, processorId, isoDay(-2), settled);
  await injectFault(realmId, { kind: "closeBooks", before: isoDay(-2) });
  const failedCount = Object.values(deposits).flat().length;
  await qbo.goto();
  await expect(await qbo.syncNow()).toContainText(failedCount === 1 ? "1 item failed" : `${failedCount} items failed`);
  await qbo.goto();
}

test.describe("daily syncs, the day ledger and failed transactions", () => {
  test.setTimeout(180_000);

  test("Sync now posts a day of sales, a refund and a fee; the ledger and QuickBooks show the deposit tied out", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page, "Synced Books");
    const tag = randomBytes(3).toString("hex");
    const day = isoDay(-5);
    const sales: Sale[] = [
      { processorId: `s1-${tag}`, amountMinor: 2_260, taxMinor: 260, day },
      { processorId: `s2-${tag}`, amountMinor: 1_130, taxMinor: 130, day },
      { processorId: `r1-${tag}`, kind: "refund", amountMinor: 565, taxMinor: 65, day, originalId: `s1-${tag}` },
    ];
    const fees = [{ processorId: `f1-${tag}`, amountMinor: 100, day, transactionId: `s1-${tag}` }];
    await sendSales(business, sales);
    await sendFees(business, fees);
    const deposit = await sendDeposit(business, `dep1-${tag}`, isoDay(-4), sales, fees);
    expect(deposit.amountMinor).toBe(2_725);

    await qbo.goto();
    await expect(await qbo.syncNow()).toContainText("Sync finished: 4 documents created, no failed items.");
    await qbo.goto();
    await expect(qbo.ledgerDay(day)).toHaveAttribute("data-state", "posted");
    await expect(qbo.ledgerDay(day)).toContainText("2 sales: $33.90");
    const depositCell = qbo.ledgerDeposit(`dep1-${tag}`);
    await expect(depositCell.getByTestId("sync-deposit-processor")).toHaveText("$27.25");
    await expect(depositCell.getByTestId("sync-deposit-qbo")).toHaveText("$27.25");
    await expect(depositCell.getByTestId("sync-deposit-difference")).toContainText("Ties out");
    await expect(depositCell.getByRole("link", { name: /^Deposit \d+ in QuickBooks$/ })).toHaveAttribute("href", /\/app\/deposit\?txnId=\d+&realmId=/);
    await expect(page.getByTestId("sync-run").first()).toContainText("Sync now");
    // The sandbox holds the documents.
    expect(await documentsFor(company.realmId, "SalesReceipt", `s1-${tag}`)).toHaveLength(1);
    expect(await documentsFor(company.realmId, "RefundReceipt", `r1-${tag}`)).toHaveLength(1);
    const [qboDeposit] = await documentsFor(company.realmId, "Deposit", `dep1-${tag}`);
    expect(Number(qboDeposit?.TotalAmt)).toBe(27.25);
    expect(await auditActions(business.id)).toContain("quickbooks.sync_requested");
  });

  test("a mapped customer made inactive in QuickBooks stops the run with one message and nothing sent; the owner maps another", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page, "Stopped Books");
    const tag = randomBytes(3).toString("hex");
    // A second customer exists in the books (added before any sync, clear of the company's rate limits).
    await addCustomer(company.realmId, `Walk-in ${tag}`);
    const sales = dayOfSales(tag, { a: 1_130 });
    await sendSales(business, sales);
    await sendDeposit(business, `depA-${tag}`, isoDay(-2), sales);

    // Read back: the customer the mapping step stored, which the sandbox then deactivates.
    const [mapping] = await e2eDb()`select customer_id from qbo_mapping_versions v join qbo_connections c on c.id = v.connection_id where c.business_id = ${business.id} order by version desc limit 1`;
    await injectFault(company.realmId, { kind: "inactive", entity: "Customer", id: String(mapping.customer_id) });
    await qbo.goto();
    await qbo.syncNow();
    await qbo.goto();
    await expect(page.getByTestId("sync-problem")).toContainText("The last sync was stopped: nothing was sent to QuickBooks");
    await expect(page.getByTestId("sync-problem")).toContainText("A mapped account, customer or tax code is no longer usable in QuickBooks");
    await expect(page.getByTestId("sync-run-status").first()).toHaveText("Stopped");
    await expect(qbo.failedItems).toHaveCount(0);
    expect(await documentsFor(company.realmId, "SalesReceipt", `a-${tag}`)).toHaveLength(0);

    await qbo.goto("mapping");
    await qbo.select("customer").selectOption({ label: `Walk-in ${tag}` });
    await qbo.submitMapping();
    await expect(qbo.done).toBeVisible();
  });

  test("closed books fail each item with the reason and QuickBooks' fault; the accountant sees the list without the actions", async ({ page, browser }) => {
    const { business, company, qbo } = await connectedBusiness(page, "Closed Books");
    const tag = randomBytes(3).toString("hex");
    const [a, b, c] = dayOfSales(tag, { a: 1_130, b: 2_260, c: 565 });
    await failWhileBooksClosed(qbo, business, company.realmId, { [`depP-${tag}`]: [a, b], [`depQ-${tag}`]: [c] });

    await expect(page.getByTestId("sync-problem")).toHaveCount(0);
    await expect(qbo.failedItems).toHaveCount(3);
    await expect(qbo.failedItems.first().getByTestId("failed-reason")).toContainText("The books are closed in QuickBooks");
    await qbo.failedItems.first().locator("summary").click();
    await expect(qbo.failedItems.first()).toContainText("6210");
    await expect(qbo.ledgerDay(isoDay(-3))).toHaveAttribute("data-state", "partly_failed");

    const accountantContext = await browser.newContext();
    const accountant = await accountantContext.newPage();
    await new SignInPage(accountant).signInAndWait("accountant@demo.test");
    await new QuickBooksPage(accountant, business.merchantId).goto();
    await expect(accountant.getByTestId("failed-item")).toHaveCount(3);
    await expect(accountant.getByTestId("sync-failed")).toContainText("Only the owner can mark failed transactions");
    await expect(accountant.getByRole("button", { name: "Ready to sync" })).toHaveCount(0);
    await expect(accountant.getByRole("button", { name: "Resolved" })).toHaveCount(0);
    await expect(accountant.getByTestId("sync-failed").getByRole("checkbox")).toHaveCount(0);
    await expect(accountant.getByRole("button", { name: "Sync now" })).toHaveCount(0);
    await accountantContext.close();
  });

  test("Ready to sync on a selection posts those items at once when the books reopen; their deposit ties out", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page, "Reopened Books");
    const tag = randomBytes(3).toString("hex");
    const [a, b, c] = dayOfSales(tag, { a: 1_130, b: 2_260, c: 565 });
    await failWhileBooksClosed(qbo, business, company.realmId, { [`depP-${tag}`]: [a, b], [`depQ-${tag}`]: [c] });

    await injectFault(company.realmId, { kind: "closeBooks", before: null });
    await page.getByRole("checkbox", { name: `Select Sale a-${tag}` }).check();
    await page.getByRole("checkbox", { name: `Select Sale b-${tag}` }).check();
    await page.getByTestId("failed-ready-selection").click();
    await qbo.confirmFailedAction("Mark 2 items ready to sync?");
    await expect(page.getByTestId("failed-result")).toHaveText("2 items are ready to sync.", { timeout: 30_000 });
    await qbo.goto();
    await expect(qbo.failedItems).toHaveCount(1);
    await expect(qbo.failedItem(`c-${tag}`)).toBeVisible();
    expect(await documentsFor(company.realmId, "SalesReceipt", `a-${tag}`)).toHaveLength(1);
    expect(await documentsFor(company.realmId, "SalesReceipt", `b-${tag}`)).toHaveLength(1);
    await expect(qbo.ledgerDeposit(`depP-${tag}`).getByTestId("sync-deposit-difference")).toContainText("Ties out");
    expect(await auditActions(business.id)).toContain("quickbooks.items_ready_to_sync");
  });

  test("Resolved: an item entered by hand never posts, and its deposit still ties out to the cent", async ({ page }) => {
    const { business, company, qbo } = await connectedBusiness(page, "Resolved Books");
    const tag = randomBytes(3).toString("hex");
    const [c] = dayOfSales(tag, { c: 565 });
    await failWhileBooksClosed(qbo, business, company.realmId, { [`depQ-${tag}`]: [c] });

    await injectFault(company.realmId, { kind: "closeBooks", before: null });
    await qbo.failedItem(`c-${tag}`).getByTestId("failed-resolved-one").click();
    await qbo.confirmFailedAction("Mark 1 item resolved?");
    await expect(page.getByTestId("failed-result")).toHaveText("1 item is resolved.");
    await allowSyncNow(business.id);
    await qbo.syncNow();
    await qbo.goto();
    await expect(qbo.failedItems).toHaveCount(0);
    const depositQ = qbo.ledgerDeposit(`depQ-${tag}`);
    await expect(depositQ.getByTestId("sync-deposit-qbo")).toHaveText("$5.65");
    await expect(depositQ.getByTestId("sync-deposit-difference")).toContainText("Ties out");
    expect(await documentsFor(company.realmId, "SalesReceipt", `c-${tag}`)).toHaveLength(0);
    const [qboDepositQ] = await documentsFor(company.realmId, "Deposit", `depQ-${tag}`);
    expect(Number(qboDepositQ?.TotalAmt)).toBe(5.65);
    expect(await auditActions(business.id)).toContain("quickbooks.items_resolved");
  });
});
