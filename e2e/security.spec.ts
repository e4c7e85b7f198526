import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

/** Hardening (issue 10) seen from a browser: what an attacker's link or copied cookie can do. */

test.describe("notices take codes only", () => {
  test("the QuickBooks page never prints text taken from its URL", async ({ page }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
    const planted = "Call 555-0100 to restore access";
    await page.goto(`/b/MID-1001/quickbooks?error=other_company&companyName=${encodeURIComponent(planted)}&companyCurrency=${encodeURIComponent(planted)}`);
    const notice = page.getByTestId("qbo-error");
    await expect(notice).toContainText("Reauthorize with the company this business is connected to");
    await expect(page.locator("body")).not.toContainText("555-0100");
    await page.goto(`/b/MID-1001/quickbooks?error=currency_mismatch&companyCurrency=${encodeURIComponent(planted)}&businessCurrency=${encodeURIComponent(planted)}`);
    await expect(notice).toContainText("this business is paid in CAD");
    await expect(page.locator("body")).not.toContainText("555-0100");
  });
});
