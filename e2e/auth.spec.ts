import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

test.describe("sign-in and roles", () => {
  test("a wrong password gets one generic message and no session", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.signIn("owner@demo.test", "wrong-password");
    await expect(signIn.error).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await signIn.signIn("nobody@demo.test", "wrong-password");
    await expect(signIn.error).toHaveText(/incorrect/);
  });

  test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
    await page.goto("/b/MID-1001/transactions");
    await expect(page).toHaveURL(/\/signin/);
  });

  for (const [email, role] of [
    ["owner@demo.test", "Owner"],
    ["accountant@demo.test", "Accountant"],
    ["staff@demo.test", "Staff"],
  ] as const) {
    test(`${role} signs in, sees the shell, switches business, and has no /admin`, async ({ page }) => {
      await new SignInPage(page).signInAndWait(email);
      // The first business in the switcher's order (other specs add businesses to the demo owner).
      await expect(page).toHaveURL(/\/b\/MID-[\w-]+\/overview/);
      const nav = page.getByRole("navigation", { name: "Main menu" });
      for (const item of ["Overview", "Transactions", "Deposits", "QuickBooks", "Settings"]) {
        await expect(nav.getByRole("link", { name: new RegExp(item) })).toBeVisible();
      }
      await expect(page.getByRole("complementary").getByText(role, { exact: true })).toBeVisible();

      await page.getByRole("combobox", { name: "Business" }).selectOption("MID-3003");
      await expect(page).toHaveURL(/\/b\/MID-3003\/overview/);
      await expect(page.getByTestId("current-business")).toContainText("Hudson Street Diner");

      const admin = await page.goto("/admin");
      expect(admin?.status()).toBe(404);

      await page.goto("/b/MID-1001/overview");
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL(/\/signin/);
    });
  }

  test("a member never sees a business they do not belong to", async ({ page }) => {
    await new SignInPage(page).signInAndWait("staff@demo.test");
    const response = await page.goto("/b/MID-9999/overview");
    expect(response?.status()).toBe(404);
  });

  test("support reaches /admin and sees every business", async ({ page }) => {
    await new SignInPage(page).signInAndWait("support@demo.test");
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Support console" })).toBeVisible();
    for (const mid of ["MID-1001", "MID-2002", "MID-3003"]) await expect(page.getByRole("cell", { name: mid })).toBeVisible();
  });
});

test.describe("language", () => {
  test("the switch changes the portal to Canadian French and is remembered for the user", async ({ page, browser }) => {
    await new SignInPage(page).signInAndWait("accountant@demo.test");
    await page.getByRole("combobox", { name: "Language" }).selectOption("fr-CA");
    const nav = page.getByRole("navigation", { name: "Menu principal" });
    await expect(nav.getByRole("link", { name: /Dépôts/ })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr-CA");

    // A new browser context (another device) gets French after sign-in.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await new SignInPage(page2).signInAndWait("accountant@demo.test");
    await expect(page2.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
    await page2.getByRole("combobox", { name: "Langue" }).selectOption("en");
    await expect(page2.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    await other.close();
  });
});
