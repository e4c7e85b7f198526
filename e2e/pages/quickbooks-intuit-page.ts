import { expect, type Page } from "@playwright/test";
import type { SandboxLogin } from "./quickbooks-fixtures";

/** Intuit's authorize pages as the sandbox serves them: sign in, pick the company, Connect or Cancel. */
export class IntuitAuthorizePage {
  constructor(readonly page: Page) {}

  /** Signs in when asked (a browser already signed in to the sandbox goes straight to the companies). */
  async signInIfAsked(login: SandboxLogin) {
    await expect(this.page.getByRole("heading", { name: /Sign in to connect|Which company/ })).toBeVisible();
    const email = this.page.getByLabel("Email");
    if (await email.isVisible()) {
      await email.fill(login.email);
      await this.page.getByLabel("Password").fill(login.password);
      await this.page.getByRole("button", { name: "Sign in" }).click();
    }
    await expect(this.page.getByRole("heading", { name: /Which company/ })).toBeVisible();
  }

  async chooseCompany(name: string) {
    await this.page.getByRole("radio", { name }).check();
    await this.page.getByRole("button", { name: "Next" }).click();
    await expect(this.page.getByRole("button", { name: "Connect" })).toBeVisible();
  }

  async connect() {
    await this.page.getByRole("button", { name: "Connect" }).click();
  }

  async cancel() {
    await this.page.getByRole("button", { name: "Cancel" }).click();
  }

  /** The whole round trip with one company. */
  async authorize(login: SandboxLogin, companyName: string) {
    await this.signInIfAsked(login);
    await this.chooseCompany(companyName);
    await this.connect();
  }
}
