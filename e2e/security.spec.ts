/** Hardening (issue 10) seen from a browser: what an attacker's link or copied cookie can do. */
import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

// Several sign-ins per test on a loaded machine.
test.describe.configure({ timeout: 180_000 });

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

test.describe("odd URLs answer 404 or 400, never 500", () => {
  test("pages and API", async ({ page }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
    for (const path of ["/b/MID-1001%00/overview", "/b/MID-1001%0A/transactions"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    expect((await page.request.get("/api/b/MID-2002%00/transactions")).status()).toBe(404);
    // A malformed percent-encoding is refused by proxy.ts before Next's parameter decoding.
    for (const path of ["/b/%E0%A4%A/overview", "/api/b/%E0%A4%A/transactions"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(400);
      expect((await response.json()).error).toMatch(/Malformed URL/);
    }
    for (const query of ["from=0001-01-01", "to=9999-12-31"]) {
      const api = await page.request.get(`/api/b/MID-1001/transactions?${query}`);
      expect(api.status(), query).toBe(400);
      expect((await api.json()).error).toMatch(/from 2000-01-01 to 2099-12-31/);
      const html = await page.goto(`/b/MID-1001/transactions?${query}`);
      expect(html?.status(), query).toBeLessThan(500);
    }
  });
});

test.describe("signing out ends the session on the server", () => {
  /** A second browser holding a copy of the first one's cookies, as a thief would. */
  async function copiedSession(browser: import("@playwright/test").Browser, from: import("@playwright/test").BrowserContext) {
    const thief = await browser.newContext();
    await thief.addCookies(await from.cookies());
    return thief.newPage();
  }

  test("the shell's Sign out: a copied cookie stops working", async ({ page, browser }) => {
    await new SignInPage(page).signInAndWait("accountant@demo.test");
    const thief = await copiedSession(browser, page.context());
    await thief.goto("/b/MID-1001/overview");
    await expect(thief).toHaveURL(/\/b\/MID-1001\/overview/);
    expect((await thief.request.get("/api/b/MID-1001/transactions")).status()).toBe(200);

    await page.goto("/b/MID-1001/overview");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);

    await thief.goto("/b/MID-1001/overview");
    await expect(thief).toHaveURL(/\/signin/);
    expect((await thief.request.get("/api/b/MID-1001/transactions")).status()).toBe(401);
    await thief.context().close();
  });

  test("POST /api/auth/signout: a copied cookie stops working", async ({ page, browser }) => {
    await new SignInPage(page).signInAndWait("accountant@demo.test");
    const thief = await copiedSession(browser, page.context());
    expect((await thief.request.get("/api/b/MID-1001/transactions")).status()).toBe(200);
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const signedOut = await page.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
    expect(signedOut.status()).toBeLessThan(400);
    expect((await thief.request.get("/api/b/MID-1001/transactions")).status()).toBe(401);
    await thief.context().close();
  });

  test("Sign out everywhere ends the user's sessions in other browsers", async ({ page, browser }) => {
    const other = await (await browser.newContext()).newPage();
    await new SignInPage(other).signInAndWait("staff@demo.test");
    await new SignInPage(page).signInAndWait("staff@demo.test");
    expect((await other.request.get("/api/b/MID-1001/transactions")).status()).toBe(200);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await other.request.get("/api/b/MID-1001/transactions")).status()).toBe(401);
    await other.goto("/b/MID-1001/overview");
    await expect(other).toHaveURL(/\/signin/);
    // Signing in again works.
    await new SignInPage(page).signInAndWait("staff@demo.test");
    await other.context().close();
  });
});

test.describe("security headers", () => {
  test("pages carry a nonce CSP, no framing, nosniff, a referrer and permissions policy; the app runs under them", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const signin = await page.goto("/signin");
    const headers = signin!.headers();
    const csp = headers["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // The e2e portal is served over http: no HSTS there (lib/http/security-headers.test.ts covers https).
    expect(headers["strict-transport-security"]).toBeUndefined();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    // Next put this request's nonce on its scripts (the browser hides the attribute's value).
    expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
    expect((await page.request.get("/signin")).headers()["content-security-policy"]).not.toContain(nonce);

    // Client-side code works under the policy: sign in, switch business, load the pages.
    await new SignInPage(page).signInAndWait("owner@demo.test");
    await page.getByRole("combobox", { name: "Business" }).selectOption("MID-3003");
    await expect(page).toHaveURL(/\/b\/MID-3003\/overview/);
    for (const section of ["transactions", "deposits", "quickbooks", "settings"]) {
      await page.goto(`/b/MID-1001/${section}`);
      await expect(page.locator("main")).toBeVisible();
    }
    expect(violations).toEqual([]);
  });

  test("the one-click confirm pages cannot be framed", async ({ page, baseURL }) => {
    await new SignInPage(page).signInAndWait("owner@demo.test");
    for (const action of ["disconnect", "pause"]) {
      const response = await page.request.get(`/b/MID-1001/quickbooks/confirm/${action}`);
      expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-frame-options"]).toBe("DENY");
    }
    // A page of another origin tries to frame one: the browser refuses to render it.
    await page.route("http://attacker.test/", (route) =>
      route.fulfill({ contentType: "text/html", body: `<iframe id="f" src="${baseURL}/b/MID-1001/quickbooks/confirm/disconnect"></iframe>` }),
    );
    await page.goto("http://attacker.test/");
    await page.waitForTimeout(1000);
    const framed = page.frames().find((f) => f.url().includes("/confirm/"));
    const text = framed ? await framed.locator("body").innerText().catch(() => "") : "";
    expect(text).not.toMatch(/Disconnect/i);
  });
});
