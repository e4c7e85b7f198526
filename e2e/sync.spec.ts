/**
 * Daily syncs as the owner sees them, against the sandbox, with no Inngest server (the app runs
 * "Sync now" and "Ready to sync" in-process): the ledger ties out, a broken mapping stops a run
 * with one message, failed items are retried or resolved, and an accountant only reads.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { createBusiness, e2eDb, injectFault, SANDBOX_URL, sandboxCompany, sandboxEntities, CLIENT_ID } from "./pages/quickbooks-fixtures";
import { allowSyncNow, insertDeposit, insertSales, isoDay } from "./pages/processor-records";
import { QuickBooksPage } from "./pages/quickbooks-page";

async function syncNow(page: Page) {
  await page.getByRole("button", { name: "Sync now" }).click();
  const result = page.getByTestId("sync-now-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  return result;
}

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

test.describe("daily syncs, the day ledger and failed transactions", () => {
  test.setTimeout(240_000);

  test("Sync now ties the ledger; a broken mapping stops a run; failed items are retried or resolved; the accountant only reads", async ({ page, browser }) => {
    const business = await createBusiness("ON");
    const company = await sandboxCompany({ name: `Synced Books ${business.merchantId}`, country: "CA", region: "ON" });
    await new SignInPage(page).signInAndWait("owner@demo.test");
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.connectWithDefaults(company, company.name);

    // The connection was made a week ago (only data from that day on is ever posted).
    const connectedOn = isoDay(-6);
    await e2eDb()`update qbo_connections set connected_on = ${connectedOn} where business_id = ${business.id}`;
    await e2eDb()`update qbo_mapping_versions set effective_from = ${connectedOn} where connection_id = (select id from qbo_connections where business_id = ${business.id})`;

    // A second customer exists in the books (added before any sync, clear of the company's rate limits).
    const tag = randomBytes(3).toString("hex");
    await addCustomer(company.realmId, `Walk-in ${tag}`);

    // Day 1: two sales, a refund and a fee, paid out the next day.
    const day1 = isoDay(-5);
    const ids1 = await insertSales(business.id, [
      { processorId: `s1-${tag}`, amountMinor: 2_260, taxMinor: 260, day: day1 },
      { processorId: `s2-${tag}`, amountMinor: 1_130, taxMinor: 130, day: day1 },
      { processorId: `r1-${tag}`, kind: "refund", amountMinor: 565, taxMinor: 65, day: day1 },
    ]);
    const [fee] = await e2eDb()`insert into fees (business_id, processor_id, kind, amount_minor, currency, occurred_at, business_date, transaction_id, payload_hash)
      values (${business.id}, ${`f1-${tag}`}, 'processing', 100, 'CAD', ${`${day1}T17:00:00Z`}, ${day1}, ${ids1[`s1-${tag}`]}, 'e2e') returning id`;
    const deposit1 = await insertDeposit(business.id, `dep1-${tag}`, isoDay(-4), Object.values(ids1), [{ id: fee.id as string, amountMinor: 100 }]);
    expect(deposit1.amountMinor).toBe(2_725);

    await qbo.goto();
    await expect(await syncNow(page)).toContainText("Sync finished: 4 documents created, no failed items.");
    await qbo.goto();
    const day1Row = page.locator(`[data-testid="sync-ledger-day"][data-date="${day1}"]`);
    await expect(day1Row).toHaveAttribute("data-state", "posted");
    await expect(day1Row).toContainText("2 sales: $33.90");
    const deposit1Cell = page.locator(`[data-testid="sync-deposit"][data-processor-id="dep1-${tag}"]`);
    await expect(deposit1Cell.getByTestId("sync-deposit-processor")).toHaveText("$27.25");
    await expect(deposit1Cell.getByTestId("sync-deposit-qbo")).toHaveText("$27.25");
    await expect(deposit1Cell.getByTestId("sync-deposit-difference")).toContainText("Ties out");
    await expect(deposit1Cell.getByRole("link", { name: /^Deposit \d+ in QuickBooks$/ })).toHaveAttribute("href", /\/app\/deposit\?txnId=\d+&realmId=/);
    await expect(page.getByTestId("sync-run").first()).toContainText("Sync now");
    // The sandbox holds the documents.
    expect(await documentsFor(company.realmId, "SalesReceipt", `s1-${tag}`)).toHaveLength(1);
    expect(await documentsFor(company.realmId, "RefundReceipt", `r1-${tag}`)).toHaveLength(1);
    const [qboDeposit1] = await documentsFor(company.realmId, "Deposit", `dep1-${tag}`);
    expect(Number(qboDeposit1?.TotalAmt)).toBe(27.25);

    // Day 2: three sales; a and b settle in one deposit, c in another.
    const day2 = isoDay(-3);
    const ids2 = await insertSales(business.id, [
      { processorId: `a-${tag}`, amountMinor: 1_130, taxMinor: 130, day: day2 },
      { processorId: `b-${tag}`, amountMinor: 2_260, taxMinor: 260, day: day2 },
      { processorId: `c-${tag}`, amountMinor: 565, taxMinor: 65, day: day2 },
    ]);
    await insertDeposit(business.id, `depP-${tag}`, isoDay(-2), [ids2[`a-${tag}`], ids2[`b-${tag}`]]);
    await insertDeposit(business.id, `depQ-${tag}`, isoDay(-2), [ids2[`c-${tag}`]]);

    // The sandbox deactivates the mapped customer: the next run stops with one message, nothing sent.
    const [mapping] = await e2eDb()`select customer_id from qbo_mapping_versions v join qbo_connections c on c.id = v.connection_id where c.business_id = ${business.id} order by version desc limit 1`;
    await injectFault(company.realmId, { kind: "inactive", entity: "Customer", id: String(mapping.customer_id) });
    await allowSyncNow(business.id);
    await syncNow(page);
    await qbo.goto();
    await expect(page.getByTestId("sync-problem")).toContainText("The last sync was stopped: nothing was sent to QuickBooks");
    await expect(page.getByTestId("sync-problem")).toContainText("A mapped account, customer or tax code is no longer usable in QuickBooks");
    await expect(page.getByTestId("sync-run-status").first()).toHaveText("Stopped");
    await expect(page.getByTestId("failed-item")).toHaveCount(0);
    expect(await documentsFor(company.realmId, "SalesReceipt", `a-${tag}`)).toHaveLength(0);

    // The owner edits the mapping to another customer; meanwhile the books close before day 2 ends.
    await qbo.goto("mapping");
    await qbo.select("customer").selectOption({ label: `Walk-in ${tag}` });
    await qbo.submitMapping();
    await expect(qbo.done).toBeVisible();
    await injectFault(company.realmId, { kind: "closeBooks", before: isoDay(-2) });
    await allowSyncNow(business.id);
    await expect(await syncNow(page)).toContainText("3 items failed");
    await qbo.goto();
    await expect(page.getByTestId("sync-problem")).toHaveCount(0);
    const failed = page.getByTestId("failed-item");
    await expect(failed).toHaveCount(3);
    await expect(failed.first().getByTestId("failed-reason")).toContainText("The books are closed in QuickBooks");
    await failed.first().locator("summary").click();
    await expect(failed.first()).toContainText("6210");
    await expect(page.locator(`[data-testid="sync-ledger-day"][data-date="${day2}"]`)).toHaveAttribute("data-state", "partly_failed");

    // The accountant sees the same list, without the actions.
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

    // The books reopen; the owner marks a and b Ready to sync: a run starts at once and they post.
    await injectFault(company.realmId, { kind: "closeBooks", before: null });
    await page.getByRole("checkbox", { name: `Select Sale a-${tag}` }).check();
    await page.getByRole("checkbox", { name: `Select Sale b-${tag}` }).check();
    await page.getByTestId("failed-ready-selection").click();
    await expect(page.getByTestId("failed-confirm")).toContainText("Mark 2 items ready to sync?");
    await page.getByTestId("failed-confirm").getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("failed-result")).toHaveText("2 items are ready to sync.", { timeout: 30_000 });
    await qbo.goto();
    await expect(page.getByTestId("failed-item")).toHaveCount(1);
    expect(await documentsFor(company.realmId, "SalesReceipt", `a-${tag}`)).toHaveLength(1);
    expect(await documentsFor(company.realmId, "SalesReceipt", `b-${tag}`)).toHaveLength(1);
    await expect(page.locator(`[data-testid="sync-deposit"][data-processor-id="depP-${tag}"]`).getByTestId("sync-deposit-difference")).toContainText("Ties out");

    // c was entered by hand: Resolved. It never posts, and its deposit still ties to the cent.
    const itemC = page.locator(`[data-testid="failed-item"][data-processor-id="c-${tag}"]`);
    await itemC.getByTestId("failed-resolved-one").click();
    await expect(page.getByTestId("failed-confirm")).toContainText("Mark 1 item resolved?");
    await page.getByTestId("failed-confirm").getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("failed-result")).toHaveText("1 item is resolved.");
    await allowSyncNow(business.id);
    await syncNow(page);
    await qbo.goto();
    await expect(page.getByTestId("failed-item")).toHaveCount(0);
    const depositQ = page.locator(`[data-testid="sync-deposit"][data-processor-id="depQ-${tag}"]`);
    await expect(depositQ.getByTestId("sync-deposit-qbo")).toHaveText("$5.65");
    await expect(depositQ.getByTestId("sync-deposit-difference")).toContainText("Ties out");
    expect(await documentsFor(company.realmId, "SalesReceipt", `c-${tag}`)).toHaveLength(0);
    const [qboDepositQ] = await documentsFor(company.realmId, "Deposit", `depQ-${tag}`);
    expect(Number(qboDepositQ?.TotalAmt)).toBe(5.65);

    const audit = (await e2eDb()`select action from audit_events where business_id = ${business.id}`).map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(["quickbooks.sync_requested", "quickbooks.items_ready_to_sync", "quickbooks.items_resolved"]));
  });
});
