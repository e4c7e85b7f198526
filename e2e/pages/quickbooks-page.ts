import { expect, type Page } from "@playwright/test";
import type { SandboxLogin } from "./quickbooks-fixtures";
import { IntuitAuthorizePage } from "./quickbooks-intuit-page";

/** The portal's QuickBooks pages of one business (intro, wizard, Manage tab), found by test ids and form names. */
export class QuickBooksPage {
  constructor(
    readonly page: Page,
    readonly merchantId: string,
  ) {}

  get base() {
    return `/b/${encodeURIComponent(this.merchantId)}/quickbooks`;
  }

  async goto(sub = "") {
    return this.page.goto(`${this.base}${sub ? `/${sub}` : ""}`);
  }

  get statusLine() {
    return this.page.getByTestId("qbo-status-line");
  }
  get error() {
    return this.page.getByTestId("qbo-error");
  }
  get done() {
    return this.page.getByTestId("qbo-done");
  }
  get manage() {
    return this.page.getByTestId("qbo-manage");
  }
  get status() {
    return this.page.getByTestId("qbo-status");
  }
  select(slot: "bank" | "revenue" | "expense" | "customer" | "taxCode") {
    return this.page.locator(`select[name="${slot}"]`);
  }

  /** From the intro: Connect, tick the consent, continue to Intuit. */
  async startConnect(connectLabel: RegExp = /Connect to QuickBooks/) {
    await this.goto();
    await this.page.getByRole("link", { name: connectLabel }).click();
    await expect(this.page).toHaveURL(/\/quickbooks\/connect$/);
    await this.page.locator('input[name="consent"]').check();
    await this.page.locator('form[action="/api/quickbooks/connect"] button[type="submit"]').click();
    await expect(this.page).toHaveURL(/localhost:\d+\/connect\/oauth2/);
  }

  /** The mapping step's form submit (Review in the wizard, Save in Edit mapping). */
  async submitMapping() {
    await this.page.getByTestId("qbo-mapping-form").locator('button[type="submit"]').click();
  }

  async confirmReview() {
    await this.page.locator('form[action="/api/quickbooks/mapping"] button[type="submit"]').click();
    await expect(this.page.getByTestId("qbo-setup-done")).toBeVisible();
  }

  /** Opens a Manage action's confirmation and confirms it. */
  async manageAction(action: "pause" | "resume" | "reauthorize" | "disconnect", confirmText?: RegExp) {
    await this.goto(`confirm/${action}`);
    if (confirmText) await expect(this.page.getByTestId("qbo-confirm-text")).toContainText(confirmText);
    await this.page.locator("main form button[type=submit]").click();
  }

  /** Presses Sync now and returns its result line, once the run answered (or went to the background). */
  async syncNow() {
    await this.page.getByRole("button", { name: "Sync now" }).click();
    const result = this.page.getByTestId("sync-now-result");
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result;
  }

  /** A day of the Manage tab's day ledger. */
  ledgerDay(date: string) {
    return this.page.locator(`[data-testid="sync-ledger-day"][data-date="${date}"]`);
  }

  /** A settlement deposit in the day ledger, by the processor's id. */
  ledgerDeposit(processorId: string) {
    return this.page.locator(`[data-testid="sync-deposit"][data-processor-id="${processorId}"]`);
  }

  get failedItems() {
    return this.page.getByTestId("failed-item");
  }

  failedItem(processorId: string) {
    return this.page.locator(`[data-testid="failed-item"][data-processor-id="${processorId}"]`);
  }

  /** Confirms the Failed list's pending action after checking what it asks. */
  async confirmFailedAction(question: string) {
    await expect(this.page.getByTestId("failed-confirm")).toContainText(question);
    await this.page.getByTestId("failed-confirm").getByRole("button", { name: "Confirm" }).click();
  }

  /** The whole wizard with the preselected defaults, ending on the Manage tab. */
  async connectWithDefaults(login: SandboxLogin, companyName: string) {
    await this.startConnect();
    await new IntuitAuthorizePage(this.page).authorize(login, companyName);
    await expect(this.page).toHaveURL(/\/setup/);
    await this.submitMapping();
    await this.confirmReview();
    await this.goto();
    await expect(this.status).toBeVisible();
  }
}
