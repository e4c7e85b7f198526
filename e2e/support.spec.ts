/**
 * The support console, end to end: a merchant's sync fails against the sandbox (closed books);
 * support finds the merchant by realm id and by owner email, sees the failed item with Intuit's
 * intuit_tid, runs a sync with a reason; the owner reads it, and the "support viewed" entry, in
 * the activity log. The server refuses support the owner's actions, and answers 404 on /admin to
 * everyone but support.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { allowSyncNow, backdateConnection, isoDay, sendSales } from "./pages/processor-records";
import { createBusiness, e2eDb, injectFault, sandboxCompany } from "./pages/quickbooks-fixtures";
import { QuickBooksPage } from "./pages/quickbooks-page";
import { SignInPage } from "./pages/sign-in-page";

const TID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const REASON = "merchant called about missing deposits";

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signInAndWait(email);
  return { context, page };
}

/** An owner of their own (so a search by their email finds this business alone), with the demo password. */
async function newOwner(tag: string): Promise<string> {
  const email = `owner-${tag}@shop.test`;
  await e2eDb()`insert into users (email, name, password_hash, locale) select ${email}, 'Test Owner', password_hash, 'en' from users where email = 'owner@demo.test'`;
  return email;
}

async function adminPathsAnswer404(request: APIRequestContext, merchantId: string) {
  for (const path of ["/admin", `/admin?q=${merchantId}`, `/admin/businesses/${merchantId}`, "/admin/businesses/MID-NOPE"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), `GET ${path}`).toBe(404);
  }
  for (const path of [`/admin/businesses/${merchantId}/sync`, `/admin/businesses/${merchantId}/ready-to-sync`]) {
    const response = await request.post(path, { form: { reason: "trying", itemId: "00000000-0000-4000-8000-000000000000" }, maxRedirects: 0 });
    expect(response.status(), `POST ${path}`).toBe(404);
  }
}

test.describe("the support console", () => {
  test.setTimeout(480_000);

  test("support finds a merchant, sees the failed item's intuit_tid, runs a sync with a reason; the owner reads it, and that support looked", async ({ browser }) => {
    const tag = randomBytes(3).toString("hex");
    const ownerEmail = await newOwner(tag);
    const business = await createBusiness("ON", ownerEmail);
    const company = await sandboxCompany({ name: `Support Books ${tag}`, country: "CA", region: "ON" });

    // The owner connects; the books are closed, so the day's sale fails when the owner syncs.
    const owner = await signedIn(browser, ownerEmail);
    const qbo = new QuickBooksPage(owner.page, business.merchantId);
    await qbo.connectWithDefaults(company, company.name);
    await backdateConnection(business.id, isoDay(-6));
    await sendSales(business, [{ processorId: `sale-${tag}`, amountMinor: 2_260, taxMinor: 260, day: isoDay(-3) }]);
    await injectFault(company.realmId, { kind: "closeBooks", before: isoDay(1) });
    await qbo.goto();
    await owner.page.getByRole("button", { name: "Sync now" }).click();
    await expect(owner.page.getByTestId("sync-now-result")).toContainText("1 item failed", { timeout: 30_000 });
    const [failedItem] = await e2eDb()`select intuit_tid from sync_items where business_id = ${business.id} and status = 'failed'`;
    expect(String(failedItem.intuit_tid)).toMatch(TID);
    await allowSyncNow(business.id);

    // Support finds the merchant by realm id, then by the owner's email.
    const support = await signedIn(browser, "support@demo.test");
    await support.page.goto(`/admin?q=${company.realmId}`);
    await expect(support.page.getByTestId("support-result")).toHaveCount(1);
    await expect(support.page.getByTestId("support-result")).toHaveAttribute("data-merchant-id", business.merchantId);
    await support.page.getByTestId("support-search").fill(ownerEmail);
    await support.page.getByRole("button", { name: "Search" }).click();
    await expect(support.page).toHaveURL(/q=owner-/);
    await expect(support.page.getByTestId("support-result")).toHaveCount(1);
    await support.page.getByRole("link", { name: business.merchantId }).click();
    await expect(support.page).toHaveURL(new RegExp(`/admin/businesses/${business.merchantId}$`));

    // The merchant's page: the connection, the failed item with QuickBooks' fault and Intuit's intuit_tid.
    await expect(support.page.getByTestId("support-realm-id")).toHaveText(company.realmId);
    await expect(support.page.getByTestId("support-connection-state")).toContainText("Active");
    await expect(support.page.getByTestId("support-members")).toContainText(ownerEmail);
    const item = support.page.getByTestId("support-failed-item");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText("6210");
    await expect(item.getByTestId("support-intuit-tid")).toHaveText(`intuit_tid: ${failedItem.intuit_tid}`);
    await expect(support.page.getByTestId("support-failed-call").first()).toContainText(String(failedItem.intuit_tid));

    // Support runs a sync with a reason.
    await support.page.getByLabel("Reason (the owner sees it)").first().fill(REASON);
    await support.page.getByRole("button", { name: "Run a sync now" }).click();
    await expect(support.page.getByTestId("support-result-message")).toContainText("Sync finished", { timeout: 30_000 });
    const runs = await e2eDb()`select trigger from sync_runs where connection_id = (select id from qbo_connections where business_id = ${business.id}) order by started_at desc`;
    expect(runs[0].trigger).toBe("support");
    await expect(support.page.getByTestId("support-audit")).toContainText(`Support (Sasha Support) ran a sync: ${REASON}`);

    // The owner sees support's sync with its reason, and that support looked.
    await qbo.goto();
    const activity = owner.page.getByTestId("activity-log");
    await expect(activity).toContainText(`Support (Sasha Support) ran a sync: ${REASON}`);
    await expect(activity.locator('[data-action="support.viewed"]').first()).toContainText("Support (Sasha Support) viewed this business's account");
    await expect(activity.getByTestId("activity-entry").first()).toHaveAttribute("data-action", "support.viewed");

    await owner.context.close();
    await support.context.close();
  });

  test("support is refused the owner's QuickBooks actions, whatever the request, even as a member", async ({ browser }) => {
    const tag = randomBytes(3).toString("hex");
    const ownerEmail = await newOwner(tag);
    const business = await createBusiness("ON", ownerEmail);
    const company = await sandboxCompany({ name: `Guarded Books ${tag}`, country: "CA", region: "ON" });
    const owner = await signedIn(browser, ownerEmail);
    await new QuickBooksPage(owner.page, business.merchantId).connectWithDefaults(company, company.name);
    const support = await signedIn(browser, "support@demo.test");

    // Not even as a member (a membership only SQL can give support: no interface invites support).
    const refused = async () => {
      const mapping = await support.page.request.post("/api/quickbooks/mapping", {
        form: { merchantId: business.merchantId, mode: "edit", bank: "1", revenue: "1", expense: "1", customer: "1", taxCode: "1" },
        maxRedirects: 0,
      });
      expect([403, 404]).toContain(mapping.status());
      const disconnect = await support.page.request.post("/api/quickbooks/manage", { form: { merchantId: business.merchantId, action: "disconnect" }, maxRedirects: 0 });
      expect([403, 404]).toContain(disconnect.status());
    };
    await refused();
    await e2eDb()`insert into memberships (user_id, business_id, role) select id, ${business.id}, 'owner' from users where email = 'support@demo.test'`;
    await refused();
    await e2eDb()`delete from memberships where business_id = ${business.id} and user_id = (select id from users where email = 'support@demo.test')`;
    const [connection] = await e2eDb()`select status, (select count(*)::int from qbo_mapping_versions v where v.connection_id = c.id) as versions from qbo_connections c where business_id = ${business.id}`;
    expect(connection).toMatchObject({ status: "active", versions: 1 });

    await owner.context.close();
    await support.context.close();
  });

  test("every /admin page, route and action is a 404 for the owner, the accountant and staff", async ({ browser }) => {
    const tag = randomBytes(3).toString("hex");
    const ownerEmail = await newOwner(tag);
    const business = await createBusiness("ON", ownerEmail);
    for (const email of [ownerEmail, "accountant@demo.test", "staff@demo.test"]) {
      const member = await signedIn(browser, email);
      await adminPathsAnswer404(member.page.request, business.merchantId);
      await member.context.close();
    }
  });
});
