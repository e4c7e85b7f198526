import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

/** The sign-in page, in whichever language the browser is in: fields are found by their input names. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/signin");
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.page.locator('input[name="email"]').fill(email);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('form button[type="submit"]').click();
  }

  async signInAndWait(email: string, password = DEMO_PASSWORD) {
    await this.signIn(email, password);
    await expect(this.page).not.toHaveURL(/\/signin/);
  }

  get error() {
    return this.page.getByTestId("signin-error");
  }
}
