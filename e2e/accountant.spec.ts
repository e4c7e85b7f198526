import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { waitForEmails } from "./pages/mail-catcher";
import { allowSyncNow, backdateConnection, sendDeposit, sendFees, sendSales } from "./pages/processor-records";
import { createBusiness, injectFault, sandboxCompany } from "./pages/quickbooks-fixtures";
import { QuickBooksPage } from "./pages/quickbooks-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * The accountant's walkthrough against the sandbox: two months posted by the real engine (one
 * clean, one with a failed and a Resolved item), the owner invites an accountant who accepts in a
 * fresh browser and reconciles both months, the day preview balances, and presenting mode hides
 * emails, realm ids and card numbers.
 */
const TZ = "America/Toronto";
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const monthsBack = (n: number) => {
  const [y, m] = today().split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
};

test("owner invites an accountant who reconciles; preview balances; presenting mode masks", async ({ page, browser }) => {
  test.setTimeout(480_000);
  const clean = monthsBack(2);
  const troubled = monthsBack(1);
  const business = await createBusiness("ON");
  const company = await sandboxCompany({ name: `Walkthrough ${business.merchantId}`, country: "CA", region: "ON" });
  await new SignInPage(page).signInAndWait("owner@demo.test");
  const qbo = new QuickBooksPage(page, business.merchantId);
  await qbo.connectWithDefaults(company, company.name);
  await backdateConnection(business.id, `${clean}-01`);

  // The clean month: two sales, a refund and a fee, paid out the next day.
  const tag = randomBytes(3).toString("hex");
  const cleanSales = [
    { processorId: `s1-${tag}`, amountMinor: 2_260, taxMinor: 260, day: `${clean}-10` },
    { processorId: `s2-${tag}`, amountMinor: 1_130, taxMinor: 130, day: `${clean}-10` },
    { processorId: `r1-${tag}`, kind: "refund" as const, amountMinor: 565, taxMinor: 65, day: `${clean}-10`, originalId: `s1-${tag}` },
  ];
  const cleanFees = [{ processorId: `f1-${tag}`, amountMinor: 100, day: `${clean}-10`, transactionId: `s1-${tag}` }];
  await sendSales(business, cleanSales);
  await sendFees(business, cleanFees);
  await sendDeposit(business, `dep1-${tag}`, `${clean}-11`, cleanSales, cleanFees);
  await qbo.goto();
  await expect(await qbo.syncNow()).toContainText("no failed items");

  // The troubled month: x and y fail (books closed), y is then entered by hand (Resolved); z posts.
  const [x, y, z] = [
    { processorId: `x-${tag}`, amountMinor: 1_130, taxMinor: 130, day: `${troubled}-12` },
    { processorId: `y-${tag}`, amountMinor: 2_260, taxMinor: 260, day: `${troubled}-12` },
    { processorId: `z-${tag}`, amountMinor: 3_390, taxMinor: 390, day: `${troubled}-15` },
  ];
  await sendSales(business, [x, y, z]);
  await sendDeposit(business, `depXY-${tag}`, `${troubled}-13`, [x, y]);
  const depositZ = await sendDeposit(business, `depZ-${tag}`, `${troubled}-20`, [z]);
  await injectFault(company.realmId, { kind: "closeBooks", before: `${troubled}-13` });
  await allowSyncNow(business.id);
  await expect(await qbo.syncNow()).toContainText("2 items failed");
  await qbo.goto();
  await page.locator(`[data-testid="failed-item"][data-processor-id="y-${tag}"]`).getByTestId("failed-resolved-one").click();
  await page.getByTestId("failed-confirm").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("failed-result")).toHaveText("1 item is resolved.");

  // The preview: the latest ended day with activity is z's deposit day; debits = credits; its deposit line = the processor's deposit.
  await qbo.goto("preview");
  const documents = page.getByTestId("preview-document");
  await expect(documents.first()).toBeVisible({ timeout: 30_000 });
  for (const document of await documents.all()) {
    const debit = await document.getByTestId("journal-total-debit").getAttribute("data-minor");
    const credit = await document.getByTestId("journal-total-credit").getAttribute("data-minor");
    expect(Number(debit)).toBeGreaterThan(0);
    expect(debit).toBe(credit);
  }
  const deposit = page.locator('[data-testid="preview-document"][data-entity="Deposit"]');
  await expect(deposit).toHaveCount(1);
  await expect(deposit.getByTestId("preview-document-total")).toHaveText("$33.90");
  expect(depositZ.amountMinor).toBe(3_390);
  await expect(deposit.getByTestId("preview-paid-to-bank")).toHaveText("$33.90");
  await expect(deposit.getByTestId("preview-tie-out")).toHaveAttribute("data-ties", "yes");
  await expect(deposit.locator('[data-role="bank"] [data-testid="journal-debit"]')).toHaveText("$33.90");

  // The owner invites an accountant.
  const accountantEmail = `cpa-${tag}@example.test`;
  await page.goto(`/b/${business.merchantId}/settings/accountants`);
  await page.locator('input[name="email"]').fill(accountantEmail);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("invite-email-sent")).toHaveText(`An email with this link was sent to ${accountantEmail} in English.`);
  await expect(page.locator('[data-testid="invitation"][data-state="pending"]')).toHaveCount(1);

  // The invitation email in the harness's maildev: the business, who invited, the expiry, the same single-use link.
  const [invitationEmail] = await waitForEmails(accountantEmail, 1);
  expect(invitationEmail.subject).toMatch(new RegExp(` invites you to ${business.legalName} on Maple Payments$`));
  expect(invitationEmail.text).toContain("This link works once and expires on");
  const emailedLink = invitationEmail.text.match(/http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]+/)?.[0];
  expect(emailedLink).toBe(link);

  // …who opens the link from the email in a fresh browser and accepts, creating an account.
  const context = await browser.newContext();
  const accountant = await context.newPage();
  await accountant.goto(emailedLink!);
  await accountant.locator('input[name="name"]').fill("Chartered Accountant");
  await accountant.locator('input[name="password"]').fill("a long accountant password");
  await accountant.getByRole("button", { name: "Create account and accept" }).click();
  await expect(accountant).toHaveURL(new RegExp(`/b/${business.merchantId}/quickbooks`));

  // The clean month: nothing unexplained.
  await accountant.goto(`/b/${business.merchantId}/quickbooks/reconciliation?month=${clean}`);
  await expect(accountant.getByTestId("reconcile-verdict")).toHaveAttribute("data-unexplained", "0");
  await expect(accountant.getByTestId("reconcile-verdict")).toContainText("Nothing unexplained");
  await expect(accountant.getByTestId("reconcile-no-differences")).toBeVisible();
  await expect(accountant.locator('[data-total="sales"]').first()).toContainText("$33.90");

  // The troubled month: the failed and the Resolved item, each an explained difference with its amount.
  await accountant.goto(`/b/${business.merchantId}/quickbooks/reconciliation?month=${troubled}`);
  await expect(accountant.getByTestId("reconcile-verdict")).toHaveAttribute("data-unexplained", "0");
  const failed = accountant.locator(`[data-testid="reconcile-difference"][data-item="x-${tag}"][data-total="sales"]`);
  await expect(failed).toHaveAttribute("data-cause", "failed");
  await expect(failed.getByTestId("reconcile-difference-amount")).toHaveText("$11.30");
  await expect(failed).toContainText("Failed item");
  const resolved = accountant.locator(`[data-testid="reconcile-difference"][data-item="y-${tag}"][data-total="sales"]`);
  await expect(resolved).toHaveAttribute("data-cause", "resolved");
  await expect(resolved.getByTestId("reconcile-difference-amount")).toHaveText("$22.60");
  await expect(resolved).toContainText("Marked Resolved");

  // The CSV at the same address.
  const csv = await accountant.request.get(`/b/${business.merchantId}/quickbooks/reconciliation?month=${troubled}&format=csv`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await csv.text();
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text.split("\n")[0]).toBe("section,item,processor,quickbooks,difference,explanation");
  expect(text).toContain(`difference,x-${tag},11.30,0.00,11.30,`);

  // Presenting mode (the owner's screen): no member email, realm id or card last 4 in the page's text.
  await page.goto(`/b/${business.merchantId}/transactions`);
  await expect(page.locator("main")).toContainText("4242");
  await page.getByTestId("presenting-toggle").click();
  await expect(page.getByTestId("presenting-banner")).toBeVisible();
  for (const path of ["transactions", "quickbooks", "settings/accountants"]) {
    await page.goto(`/b/${business.merchantId}/${path}`);
    await expect(page.getByTestId("presenting-banner")).toBeVisible();
    const body = await page.locator("body").innerText();
    for (const secret of ["owner@demo.test", accountantEmail, company.realmId, "4242"]) expect(body, `${path}: ${secret}`).not.toContain(secret);
  }
  await page.getByTestId("presenting-toggle").click();
  await expect(page.getByTestId("presenting-banner")).toHaveCount(0);

  // Revoking removes the accountant's access at once.
  await page.goto(`/b/${business.merchantId}/settings/accountants`);
  await expect(page.locator('[data-testid="invitation"][data-state="accepted"]')).toHaveCount(1);
  await page.getByTestId("invitation-revoke").click();
  await expect(page.locator('[data-testid="invitation"][data-state="revoked"]')).toHaveCount(1);
  const gone = await accountant.goto(`/b/${business.merchantId}/quickbooks/reconciliation?month=${clean}`);
  expect(gone?.status()).toBe(404);
  await context.close();
});
