/**
 * The owner hears when QuickBooks needs them: the sandbox revokes the grant, the next sync marks
 * the connection Needs reauthorization, the bell counts it, the notification links to Reauthorize,
 * and the email reaches the catcher in the owner's language (French here) with a working link.
 * After reauthorizing, the next sync says "recovered", once.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { emailsTo, waitForEmails } from "./pages/mail-catcher";
import { createBusiness, e2eDb, injectFault, sandboxCompany } from "./pages/quickbooks-fixtures";
import { IntuitAuthorizePage } from "./pages/quickbooks-intuit-page";
import { QuickBooksPage } from "./pages/quickbooks-page";
import { SignInPage } from "./pages/sign-in-page";

/** A new owner sharing the demo password, in English while connecting (the wizard's texts), French afterwards. */
async function newOwner(): Promise<string> {
  const email = `proprio-${randomBytes(3).toString("hex")}@demo.test`;
  await e2eDb()`insert into users (email, name, password_hash, locale)
    select ${email}, 'Camille Proprio', password_hash, 'en' from users where email = 'owner@demo.test'`;
  return email;
}

async function clickSyncNow(page: Page) {
  await page.locator("button", { hasText: /^Synchroniser maintenant$/ }).click();
  await expect(page.getByTestId("sync-now-result")).toBeVisible({ timeout: 30_000 });
}

async function syncNow(page: Page, merchantId: string) {
  // Sync now may run once a minute: move earlier runs back instead of waiting.
  await e2eDb()`update sync_runs set started_at = started_at - interval '2 minutes'
    where connection_id = (select c.id from qbo_connections c join businesses b on b.id = c.business_id where b.merchant_id = ${merchantId})`;
  await new QuickBooksPage(page, merchantId).goto();
  await clickSyncNow(page);
}

test.describe("notifications", () => {
  test.setTimeout(360_000);

  test("needs reauthorization: bell, list, French email with a working Reauthorize link; recovered once after reauthorizing", async ({ page }) => {
    const ownerEmail = await newOwner();
    const business = await createBusiness("QC", ownerEmail);
    const company = await sandboxCompany({ name: `Livres ${business.merchantId}`, country: "CA", region: "QC" });
    await new SignInPage(page).signInAndWait(ownerEmail);
    const qbo = new QuickBooksPage(page, business.merchantId);
    await qbo.connectWithDefaults(company, company.name);
    await e2eDb()`update users set locale = 'fr-CA' where email = ${ownerEmail}`;

    await qbo.goto();
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    // Revoked while the page is open (opening the Manage tab would itself find it): the sync finds it.
    await injectFault(company.realmId, { kind: "revokeGrant" });
    await clickSyncNow(page);
    // The page refreshes into "Needs reauthorization" (no Sync now there), so the run is read from the runs list.
    await qbo.goto();
    await expect(page.getByTestId("qbo-needs-reauthorization")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Arrêtée", exact: true }).first()).toBeVisible();

    // The bell counts it; the list shows it unread, in French, linking to Reauthorize.
    await expect(page.getByTestId("notification-count")).toHaveText("1");
    await page.getByTestId("notification-bell").click();
    await expect(page).toHaveURL(new RegExp(`/b/${business.merchantId}/notifications$`));
    const item = page.locator('[data-testid="notification"][data-kind="needs_reauthorization"]');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute("data-state", "unread");
    await expect(item).toContainText("Autorisez de nouveau la connexion QuickBooks");
    await expect(item.getByTestId("notification-action")).toHaveText("Autoriser de nouveau");

    // The email, in the catcher, in French, with the plain-text alternative and the Reauthorize link.
    const [email] = await waitForEmails(ownerEmail, 1);
    expect(email, "the needs-reauthorization email reached the catcher").toBeTruthy();
    expect(email.subject).toContain("Autorisez de nouveau la connexion QuickBooks");
    expect(email.text).toContain("Autoriser de nouveau");
    const link = `${baseURL}/b/${business.merchantId}/quickbooks/confirm/reauthorize`;
    expect(email.html).toContain(`href="${link}"`);
    // Accountants are not asked to act on it.
    expect(await emailsTo("accountant@demo.test").then((all) => all.filter((m) => m.subject.includes(business.legalName)))).toHaveLength(0);

    // The email's link works: confirm, authorize at the sandbox, back Active.
    await page.goto(link);
    await page.locator("main form button[type=submit]").click();
    await new IntuitAuthorizePage(page).authorize(company, company.name);
    await expect(qbo.done).toBeVisible();
    await expect(page.getByTestId("qbo-needs-reauthorization")).toHaveCount(0);

    // The next successful sync says "recovered" once; another sync adds nothing.
    await syncNow(page, business.merchantId);
    await syncNow(page, business.merchantId);
    await page.goto(`/b/${business.merchantId}/notifications`);
    await expect(page.locator('[data-testid="notification"][data-kind="connection_recovered"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="notification"][data-kind="connection_recovered"]')).toContainText("La connexion QuickBooks fonctionne de nouveau");
    await expect(page.locator('[data-testid="notification"][data-kind="needs_reauthorization"]')).toHaveCount(1);
    const recoveredEmails = (await waitForEmails(ownerEmail, 2)).filter((m) => m.subject.includes("fonctionne de nouveau"));
    expect(recoveredEmails).toHaveLength(1);

    // Opening a notification marks it read.
    await page.locator('[data-testid="notification"][data-kind="connection_recovered"]').getByTestId("notification-action").click();
    await expect(page).toHaveURL(new RegExp(`/b/${business.merchantId}/quickbooks$`));
    await expect(page.getByTestId("notification-count")).toHaveText("1");
  });
});
