import { sessionCookie, SESSION_COOKIE } from "./browser-sessions";
import { companiesOfUser } from "./companies";
import type { RouteInput } from "./context";
import { errorBox, esc, field, page } from "./html";
import { parseCookies, parseForm, readBody, redirect, sendHtml } from "./http";
import { COUNTRY_NAMES, REGIONS } from "./regions";
import { authenticateUser } from "./users";
import { listEntities } from "../accounting";
import { own } from "./records";

/** QuickBooks' own document links (qbo.intuit.com/app/salesreceipt?txnId=12) and the entity each shows. */
const DOCUMENT_PAGES: Record<string, { entity: string; idParam: string }> = {
  salesreceipt: { entity: "SalesReceipt", idParam: "txnId" },
  refundreceipt: { entity: "RefundReceipt", idParam: "txnId" },
  deposit: { entity: "Deposit", idParam: "txnId" },
  journal: { entity: "JournalEntry", idParam: "txnId" },
  expense: { entity: "Purchase", idParam: "txnId" },
  customerdetail: { entity: "Customer", idParam: "nameId" },
};

/**
 * The sandbox's own QuickBooks pages: sign in as a sandbox user, see your companies and, like
 * QuickBooks' Apps settings, the apps connected to each, with a Disconnect button.
 */
export async function companyPages(input: RouteInput): Promise<boolean> {
  const { req, url } = input;
  const path = url.pathname;
  if (path === "/app/signin" && req.method === "GET") {
    sendHtml(input.res, 200, signInPage());
    return true;
  }
  if (path === "/app/signin" && req.method === "POST") {
    await submitSignIn(input);
    return true;
  }
  if (path === "/app/signout" && req.method === "POST") {
    input.ctx.browser.signOut(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    redirect(input.res, "/app/signin", 303, { "set-cookie": `${SESSION_COOKIE}=; Path=/; Max-Age=0` });
    return true;
  }
  const userId = input.ctx.browser.userIdOf(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  const user = userId ? input.ctx.state.users[userId] : undefined;
  if (path === "/app" || path.startsWith("/app/")) {
    if (!user) {
      redirect(input.res, "/app/signin", 303);
      return true;
    }
  } else return false;

  if (path === "/app" && req.method === "GET") {
    const companies = companiesOfUser(input.ctx.state, user.id);
    const rows = companies
      .map((c) => `<li><a href="/app/companies/${esc(c.realmId)}">${esc(c.books.name)}</a> <span class="note">(${esc(c.realmId)})</span></li>`)
      .join("");
    sendHtml(input.res, 200, page("Your companies", `<h1>Your companies</h1>
<p class="note">Signed in as ${esc(user.email)}</p>
${rows ? `<ul>${rows}</ul>` : `<p>You have no companies yet. Connecting an app lets you create one.</p>`}
<form method="post" action="/app/signout"><button type="submit" class="secondary">Sign out</button></form>`));
    return true;
  }
  const documentPage = DOCUMENT_PAGES[path.slice("/app/".length)];
  if (documentPage && req.method === "GET") {
    const id = url.searchParams.get(documentPage.idParam);
    const realmFilter = url.searchParams.get("realmId");
    const found = companiesOfUser(input.ctx.state, user.id)
      .filter((c) => !realmFilter || c.realmId === realmFilter)
      .map((c) => ({ company: c, doc: listEntities(c.books, documentPage.entity).find((e) => (e as { Id?: string }).Id === id) }))
      .find((hit) => hit.doc !== undefined);
    if (!found) {
      sendHtml(input.res, 404, page("Not found", `<h1>${esc(documentPage.entity)} ${esc(id)} not found</h1><p>None of your companies has it. <a href="/app">Your companies</a></p>`));
      return true;
    }
    const doc = found.doc as { TotalAmt?: number; TxnDate?: string; DocNumber?: string; PrivateNote?: string; CurrencyRef?: { value?: string } };
    const summary = [
      doc.TotalAmt === undefined ? "" : `<dt>Total</dt><dd data-testid="document-total">${esc(Number(doc.TotalAmt).toFixed(2))}${doc.CurrencyRef?.value ? ` ${esc(doc.CurrencyRef.value)}` : ""}</dd>`,
      doc.TxnDate ? `<dt>Date</dt><dd data-testid="document-date">${esc(doc.TxnDate)}</dd>` : "",
      doc.DocNumber ? `<dt>No.</dt><dd data-testid="document-number">${esc(doc.DocNumber)}</dd>` : "",
      doc.PrivateNote ? `<dt>Memo</dt><dd>${esc(doc.PrivateNote)}</dd>` : "",
    ].join("");
    sendHtml(input.res, 200, page(`${documentPage.entity} ${id}`, `<h1>${esc(documentPage.entity)} ${esc(id)}</h1>
<p class="note">${esc(found.company.books.name)} (${esc(found.company.realmId)})</p>
${summary ? `<dl class="document-summary">${summary}</dl>` : ""}
<pre style="white-space:pre-wrap;font-size:.85rem">${esc(JSON.stringify(found.doc, null, 2))}</pre>
<p><a href="/app/companies/${esc(found.company.realmId)}">Company</a></p>`));
    return true;
  }
  const match = /^\/app\/companies\/([^/]+)(?:\/apps\/([^/]+)\/disconnect)?$/.exec(path);
  const company = match ? own(input.ctx.state.companies, decodeURIComponent(match[1])) : undefined;
  if (!match || !company || !company.memberUserIds.includes(user.id)) {
    sendHtml(input.res, 404, page("Not found", `<h1>Not found</h1><p>No company of yours lives here. <a href="/app">Your companies</a></p>`));
    return true;
  }
  const now = input.ctx.now().getTime();
  if (match[2] && req.method === "POST") {
    input.ctx.tokens.revokeGrants({ realmId: company.realmId, clientId: decodeURIComponent(match[2]), now });
    input.ctx.writer.scheduleSave();
    redirect(input.res, `/app/companies/${encodeURIComponent(company.realmId)}`, 303);
    return true;
  }
  if (match[2] || req.method !== "GET") return false;

  const grants = input.ctx.tokens.liveGrants(company.realmId, now);
  const clientIds = [...new Set(grants.map((g) => g.clientId))];
  const rows = clientIds
    .map((clientId) => {
      const since = new Date(Math.min(...grants.filter((g) => g.clientId === clientId).map((g) => g.createdAt))).toISOString().slice(0, 10);
      return `<tr><td>${esc(input.ctx.apps.displayName(clientId))}</td><td>${esc(since)}</td><td>
<form method="post" action="/app/companies/${esc(encodeURIComponent(company.realmId))}/apps/${esc(encodeURIComponent(clientId))}/disconnect">
<button type="submit" class="secondary" aria-label="Disconnect ${esc(input.ctx.apps.displayName(clientId))}">Disconnect</button></form></td></tr>`;
    })
    .join("");
  const { books } = company;
  const regionName = (REGIONS[books.country] as Record<string, string>)[books.region] ?? books.region;
  sendHtml(input.res, 200, page(books.name, `<h1>${esc(books.name)}</h1>
<p class="note">Company ID (realmId) ${esc(company.realmId)} · ${esc(regionName)}, ${esc(COUNTRY_NAMES[books.country])}</p>
<h2>Connected apps</h2>
${rows ? `<table><thead><tr><th>App</th><th>Connected since</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : `<p>No apps are connected.</p>`}
<p><a href="/app">Your companies</a></p>`));
  return true;
}

function signInPage(message?: string): string {
  return page("Sign in", `<h1>Sign in to the QuickBooks sandbox</h1>${errorBox(message)}
<form method="post" action="/app/signin">
${field({ id: "email", name: "email", label: "Email", type: "email", autocomplete: "username" })}
${field({ id: "password", name: "password", label: "Password", type: "password", autocomplete: "current-password" })}
<button type="submit">Sign in</button></form>`);
}

async function submitSignIn(input: RouteInput): Promise<void> {
  const form = parseForm(await readBody(input.req));
  const user = authenticateUser(input.ctx.state, form.get("email") ?? "", form.get("password") ?? "");
  if (!user) return sendHtml(input.res, 401, signInPage("Incorrect email or password."));
  const sessionId = input.ctx.browser.signIn(user.id);
  redirect(input.res, "/app", 303, { "set-cookie": sessionCookie(sessionId) });
}
