import { sessionCookie, SESSION_COOKIE, type AuthorizeFlow } from "./browser-sessions";
import { companiesOfUser, createCompany, newCompanySchema } from "./companies";
import type { RouteInput, SandboxContext } from "./context";
import { errorBox, esc, field, hidden, page } from "./html";
import { parseCookies, parseForm, readBody, redirect, sendHtml } from "./http";
import { COUNTRY_NAMES, REGIONS } from "./regions";
import { parseScopes, SCOPE_DESCRIPTIONS } from "./scopes";
import { authenticateUser, createUser, findUserByEmail, newUserSchema } from "./users";
import { own } from "./records";

/**
 * Intuit's authorize flow as HTML pages that work with plain forms: sign in (or sign up), pick or
 * create a company, consent, then back to the app's redirect URI.
 */
type Handler = (input: RouteInput) => void | Promise<void>;

const ROUTES: Record<string, { GET?: Handler; POST?: Handler }> = {
  "/connect/oauth2": { GET: startAuthorize },
  "/connect/oauth2/signin": { GET: (i) => showStep(i, "nothing", signInPage), POST: submitSignIn },
  "/connect/oauth2/signup": { GET: (i) => showStep(i, "nothing", signUpPage), POST: submitSignUp },
  "/connect/oauth2/company": { GET: (i) => showStep(i, "user", companyPage), POST: submitCompanyChoice },
  "/connect/oauth2/company/new": { POST: submitNewCompany },
  "/connect/oauth2/consent": { GET: (i) => showStep(i, "company", consentPage), POST: submitConsent },
};

/** The handler of one of the authorize flow's pages, if the path and method are one. */
export function authorizePageHandler(path: string, method: string | undefined): Handler | undefined {
  return ROUTES[path]?.[method as "GET" | "POST"];
}

function problemPage(input: RouteInput, status: number, message: string): void {
  sendHtml(input.res, status, page("Something went wrong", `<h1>We can't connect this app</h1>${errorBox(message)}
<p class="note">The request was not sent back to the app because it could not be trusted.</p>`));
}

/** Errors that can safely go back to a registered redirect URI, as RFC 6749 §4.1.2.1 says. */
function redirectError(input: RouteInput, redirectUri: string, error: string, state: string | undefined, description?: string): void {
  const target = new URL(redirectUri);
  target.searchParams.set("error", error);
  if (description) target.searchParams.set("error_description", description);
  if (state !== undefined) target.searchParams.set("state", state);
  redirect(input.res, target.toString());
}

function startAuthorize(input: RouteInput): void {
  const { ctx, url } = input;
  const params = url.searchParams;
  const clientId = params.get("client_id");
  const app = clientId ? ctx.apps.get(clientId) : undefined;
  if (!app) return problemPage(input, 400, `Unknown app: client_id "${clientId ?? ""}" is not registered with this sandbox.`);
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!app.redirectUris.includes(redirectUri)) {
    return problemPage(input, 400, `The redirect_uri "${redirectUri}" is not one of the redirect URIs registered for ${app.name ?? app.clientId}.`);
  }
  const state = params.get("state") ?? undefined;
  if (params.get("response_type") !== "code") {
    return redirectError(input, redirectUri, "unsupported_response_type", state, 'response_type must be "code"');
  }
  const { scopes, unknown } = parseScopes(params.get("scope"));
  if (scopes.length === 0) return redirectError(input, redirectUri, "invalid_scope", state, "scope is required");
  if (unknown.length > 0) return redirectError(input, redirectUri, "invalid_scope", state, `unknown scope: ${unknown.join(" ")}`);

  const flow = ctx.browser.startFlow({ clientId: app.clientId, redirectUri, scopes, state });
  const userId = ctx.browser.userIdOf(parseCookies(input.req.headers.cookie)[SESSION_COOKIE]);
  if (userId && ctx.state.users[userId]) {
    flow.userId = userId;
    return redirect(input.res, `/connect/oauth2/company?flow=${encodeURIComponent(flow.id)}`, 303);
  }
  sendHtml(input.res, 200, signInPage(ctx, flow));
}

type StepPage = (ctx: SandboxContext, flow: AuthorizeFlow, message?: string) => string;

/** Shows a step of the flow, or sends the visitor back to the step they skipped. */
function showStep(input: RouteInput, needs: "nothing" | "user" | "company", render: StepPage): void {
  const flow = input.ctx.browser.flow(input.url.searchParams.get("flow"));
  if (!flow) return problemPage(input, 400, "This sign-in link has expired. Start again from the app.");
  if (needs !== "nothing" && !flow.userId) {
    return redirect(input.res, `/connect/oauth2/signin?flow=${encodeURIComponent(flow.id)}`, 303);
  }
  if (needs === "company" && !flow.realmId) {
    return redirect(input.res, `/connect/oauth2/company?flow=${encodeURIComponent(flow.id)}`, 303);
  }
  sendHtml(input.res, 200, render(input.ctx, flow));
}

async function formFlow(input: RouteInput): Promise<{ form: URLSearchParams; flow: AuthorizeFlow } | null> {
  const form = parseForm(await readBody(input.req));
  const flow = input.ctx.browser.flow(form.get("flow"));
  if (!flow) {
    problemPage(input, 400, "This sign-in link has expired. Start again from the app.");
    return null;
  }
  return { form, flow };
}

function appName(ctx: SandboxContext, flow: AuthorizeFlow): string {
  return ctx.apps.displayName(flow.clientId);
}

function signInPage(ctx: SandboxContext, flow: AuthorizeFlow, message?: string, email = ""): string {
  return page("Sign in", `<h1>Sign in to connect ${esc(appName(ctx, flow))}</h1>
${errorBox(message)}
<form method="post" action="/connect/oauth2/signin">
${hidden("flow", flow.id)}
${field({ id: "email", name: "email", label: "Email", type: "email", value: email, autocomplete: "username" })}
${field({ id: "password", name: "password", label: "Password", type: "password", autocomplete: "current-password" })}
<button type="submit">Sign in</button>
</form>
<p class="note">New to the sandbox? <a href="/connect/oauth2/signup?flow=${esc(encodeURIComponent(flow.id))}">Create an account</a></p>`);
}

function signUpPage(ctx: SandboxContext, flow: AuthorizeFlow, message?: string): string {
  return page("Create an account", `<h1>Create a sandbox Intuit account</h1>
<p class="note">to connect ${esc(appName(ctx, flow))}</p>
${errorBox(message)}
<form method="post" action="/connect/oauth2/signup">
${hidden("flow", flow.id)}
${field({ id: "name", name: "name", label: "Name", autocomplete: "name" })}
${field({ id: "email", name: "email", label: "Email", type: "email", autocomplete: "username" })}
${field({ id: "password", name: "password", label: "Password", type: "password", autocomplete: "new-password" })}
<button type="submit">Create account</button>
</form>
<p class="note">Already have an account? <a href="/connect/oauth2/signin?flow=${esc(encodeURIComponent(flow.id))}">Sign in</a></p>`);
}

function signedIn(input: RouteInput, flow: AuthorizeFlow, userId: string): void {
  flow.userId = userId;
  const sessionId = input.ctx.browser.signIn(userId);
  redirect(input.res, `/connect/oauth2/company?flow=${encodeURIComponent(flow.id)}`, 303, { "set-cookie": sessionCookie(sessionId) });
}

async function submitSignIn(input: RouteInput): Promise<void> {
  const posted = await formFlow(input);
  if (!posted) return;
  const { form, flow } = posted;
  const email = form.get("email") ?? "";
  const user = authenticateUser(input.ctx.state, email, form.get("password") ?? "");
  if (!user) return sendHtml(input.res, 401, signInPage(input.ctx, flow, "Incorrect email or password.", email));
  signedIn(input, flow, user.id);
}

async function submitSignUp(input: RouteInput): Promise<void> {
  const posted = await formFlow(input);
  if (!posted) return;
  const { form, flow } = posted;
  const parsed = newUserSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "", name: form.get("name") || undefined });
  if (!parsed.success) return sendHtml(input.res, 400, signUpPage(input.ctx, flow, parsed.error.issues.map((i) => i.message).join("; ")));
  if (findUserByEmail(input.ctx.state, parsed.data.email)) {
    return sendHtml(input.res, 409, signUpPage(input.ctx, flow, "An account with this email already exists. Sign in instead."));
  }
  const user = createUser(input.ctx.state, parsed.data, input.ctx.now());
  input.ctx.writer.scheduleSave();
  signedIn(input, flow, user.id);
}

function regionOptions(): string {
  return (["CA", "US"] as const)
    .map((country) => `<optgroup label="${esc(COUNTRY_NAMES[country])}">${Object.entries(REGIONS[country])
      .map(([code, name]) => `<option value="${esc(code)}">${esc(name)}</option>`)
      .join("")}</optgroup>`)
    .join("");
}

function companyPage(ctx: SandboxContext, flow: AuthorizeFlow, message?: string): string {
  const companies = companiesOfUser(ctx.state, flow.userId ?? "");
  const choices = companies
    .map((c, i) => `<div class="choice"><input type="radio" id="company-${esc(c.realmId)}" name="realmId" value="${esc(c.realmId)}"${i === 0 ? " checked" : ""}>
<label for="company-${esc(c.realmId)}">${esc(c.books.name)}</label></div>`)
    .join("\n");
  const user = ctx.state.users[flow.userId ?? ""];
  const existing = companies.length
    ? `<form method="post" action="/connect/oauth2/company">${hidden("flow", flow.id)}
<fieldset><legend>Your companies</legend>${choices}</fieldset>
<button type="submit">Next</button></form>`
    : `<p class="note">You don't have a QuickBooks company yet. Create one below.</p>`;
  return page("Choose a company", `<h1>Which company do you want to connect to ${esc(appName(ctx, flow))}?</h1>
<p class="note">Signed in as ${esc(user?.email ?? "")}</p>
${errorBox(message)}
${existing}
<form method="post" action="/connect/oauth2/company/new">${hidden("flow", flow.id)}
<fieldset><legend>Create a company</legend>
${field({ id: "company-name", name: "name", label: "Company name" })}
<label for="country">Country</label>
<select id="country" name="country"><option value="CA">Canada</option><option value="US">United States</option></select>
<label for="region">Province or state</label>
<select id="region" name="region">${regionOptions()}</select>
<button type="submit" class="secondary">Create company</button>
</fieldset></form>`);
}

async function submitCompanyChoice(input: RouteInput): Promise<void> {
  const posted = await formFlow(input);
  if (!posted) return;
  const { form, flow } = posted;
  if (!flow.userId) return redirect(input.res, `/connect/oauth2/signin?flow=${encodeURIComponent(flow.id)}`, 303);
  const realmId = form.get("realmId") ?? "";
  const company = own(input.ctx.state.companies, realmId);
  if (!company || !company.memberUserIds.includes(flow.userId)) {
    return sendHtml(input.res, 400, companyPage(input.ctx, flow, "Choose one of your companies."));
  }
  flow.realmId = realmId;
  redirect(input.res, `/connect/oauth2/consent?flow=${encodeURIComponent(flow.id)}`, 303);
}

async function submitNewCompany(input: RouteInput): Promise<void> {
  const posted = await formFlow(input);
  if (!posted) return;
  const { form, flow } = posted;
  if (!flow.userId) return redirect(input.res, `/connect/oauth2/signin?flow=${encodeURIComponent(flow.id)}`, 303);
  const parsed = newCompanySchema.safeParse({ name: form.get("name") ?? "", country: form.get("country") ?? "", region: form.get("region") ?? "" });
  if (!parsed.success) {
    return sendHtml(input.res, 400, companyPage(input.ctx, flow, parsed.error.issues.map((i) => i.message).join("; ")));
  }
  const company = createCompany(input.ctx.state, parsed.data, [flow.userId], input.ctx.now());
  input.ctx.writer.scheduleSave();
  flow.realmId = company.realmId;
  redirect(input.res, `/connect/oauth2/consent?flow=${encodeURIComponent(flow.id)}`, 303);
}

function consentPage(ctx: SandboxContext, flow: AuthorizeFlow): string {
  const company = ctx.state.companies[flow.realmId ?? ""];
  const scopes = flow.scopes.map((s) => `<li>${esc(SCOPE_DESCRIPTIONS[s] ?? s)} <span class="note">(${esc(s)})</span></li>`).join("");
  return page("Connect", `<h1>Connect ${esc(appName(ctx, flow))} to ${esc(company?.books.name ?? "")}</h1>
<p>${esc(appName(ctx, flow))} wants access to:</p>
<ul class="scopes">${scopes}</ul>
<p class="note">You can disconnect it at any time from the company's Apps page.</p>
<form method="post" action="/connect/oauth2/consent">${hidden("flow", flow.id)}
<button type="submit" name="decision" value="connect">Connect</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
</form>`);
}

async function submitConsent(input: RouteInput): Promise<void> {
  const posted = await formFlow(input);
  if (!posted) return;
  const { form, flow } = posted;
  const { ctx } = input;
  if (!flow.userId || !flow.realmId) return redirect(input.res, `/connect/oauth2/company?flow=${encodeURIComponent(flow.id)}`, 303);
  ctx.browser.endFlow(flow.id);
  if (form.get("decision") !== "connect") return redirectError(input, flow.redirectUri, "access_denied", flow.state);
  const code = ctx.tokens.issueAuthCode({
    clientId: flow.clientId,
    redirectUri: flow.redirectUri,
    realmId: flow.realmId,
    userId: flow.userId,
    scopes: flow.scopes,
    now: ctx.now().getTime(),
  });
  ctx.writer.scheduleSave();
  const target = new URL(flow.redirectUri);
  target.searchParams.set("code", code);
  if (flow.state !== undefined) target.searchParams.set("state", flow.state);
  target.searchParams.set("realmId", flow.realmId);
  redirect(input.res, target.toString());
}
